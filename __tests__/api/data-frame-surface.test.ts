// The rest of PySpark's DataFrame surface (issue 13): toDF, withColumns, withColumnsRenamed,
// cache/persist, repartition/coalesce, na functions, describe/summary, toJSON, foreach,
// sparkSession, dropDuplicates argument checks, where() on a dropped column. Expected values come
// from PySpark 4.2.0 runs of the same calls.
import { AnalysisException, IllegalArgumentException, PySparkTypeError, PySparkValueError, type DataFrame, type StreamSession } from 'rivulet';
import { col, lit } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType } from 'rivulet/types';
import { newSession } from '../support/session';

describe('DataFrame surface', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([[1, 'a', 2.5], [2, null, null], [3, 'c', 4.0], [3, 'c', 4.0]], 'id int, s string, d double');
  });
  afterEach(() => spark.stop());

  const rows = (d: DataFrame) => d.collect().map((r) => r.asDict());

  test('toDF renames by position; a wrong count or a non-string fails as PySpark', () => {
    expect(df.toDF('x', 'y', 'z').columns).toEqual(['x', 'y', 'z']);
    expect(() => df.toDF('x', 'y')).toThrow('[ASSIGNMENT_ARITY_MISMATCH] The number of columns or variables assigned or aliased: 3 does not match the number of source expressions: 2. SQLSTATE: 42802');
    expect(() => df.toDF(1 as unknown as string, 'y', 'z')).toThrow('[NOT_EXPECTED_TYPE] Argument `cols` should be list[str], got int.');
  });

  test('withColumns adds and replaces in one projection; withColumnsRenamed ignores unknown names', () => {
    expect(rows(df.withColumns({ e: col('id').plus(1), id: lit(0) }).limit(1))).toEqual([{ id: 0, s: 'a', d: 2.5, e: 2 }]);
    expect(df.withColumnsRenamed({ id: 'i', zz: 'q', s: 't' }).columns).toEqual(['i', 't', 'd']);
    expect(() => df.withColumns(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `colsMap` should be dict, got int.');
    expect(() => df.withColumns({ e: 1 } as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got int.');
    expect(() => df.withColumnsRenamed(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `colsMap` should be dict, got int.');
    expect(() => df.withColumn('x', 1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `col` should be Column, got int.');
  });

  test('fillna fills only columns of the matching type, NaN too; dict and subset forms', () => {
    expect(rows(df.fillna(0))[1]).toEqual({ id: 2, s: null, d: 0 });
    expect(rows(df.fillna('z'))[1]).toEqual({ id: 2, s: 'z', d: null });
    expect(rows(df.fillna({ s: 'q', d: 1 }))[1]).toEqual({ id: 2, s: 'q', d: 1 });
    expect(rows(df.fillna(9, ['id']))[1]).toEqual({ id: 2, s: null, d: null });
    expect(rows(df.fillna(true))[1]).toEqual({ id: 2, s: null, d: null });
    expect(rows(df.na.fill(0))[1]).toEqual({ id: 2, s: null, d: 0 });
    expect(rows(spark.createDataFrame([[null]], 'i int').fillna(1.5))).toEqual([{ i: 1 }]);
    expect(rows(spark.sql("select cast('NaN' as double) d").fillna(7))).toEqual([{ d: 7 }]);
    const err = (() => { try { df.fillna([1]); } catch (e) { return e; } })() as PySparkTypeError;
    expect(err).toBeInstanceOf(PySparkTypeError);
    expect(err.message).toBe('[NOT_EXPECTED_TYPE] Argument `value` should be bool, dict, float, int or str, got list.');
    expect(err.getSqlState()).toBe('42K09');
  });

  test('dropna: how, thresh and subset, positional or as an options object', () => {
    expect(df.dropna().count()).toBe(3);
    expect(df.dropna('all').count()).toBe(4);
    expect(df.dropna({ thresh: 3 }).count()).toBe(3);
    expect(df.dropna({ subset: 's' }).count()).toBe(3);
    expect(df.na.drop('any', null, ['id']).count()).toBe(4);
    expect(() => df.dropna('x')).toThrow(PySparkValueError);
    expect(() => df.dropna('x')).toThrow("[VALUE_NOT_ANY_OR_ALL] Value for `how` must be 'any' or 'all', got 'x'.");
  });

  test('replace: scalars, lists, dicts and subset; type mismatches are errors', () => {
    expect(rows(df.replace('c', 'C')).map((r) => r.s)).toEqual(['a', null, 'C', 'C']);
    expect(rows(df.replace({ c: 'C', a: null })).map((r) => r.s)).toEqual([null, null, 'C', 'C']);
    expect(rows(df.replace(3, 30)).map((r) => r.id)).toEqual([1, 2, 30, 30]);
    expect(rows(df.replace([1, 2], [10, 20], 'id')).map((r) => r.id)).toEqual([10, 20, 3, 3]);
    expect(rows(df.replace(2.5, 9, { subset: ['d'] })).map((r) => r.d)).toEqual([9, null, 4, 4]);
    expect(() => df.replace([1, 2], [10])).toThrow('[LENGTH_SHOULD_BE_THE_SAME] to_replace and value should be of the same length, got 2 and 1.');
    expect(() => df.replace([1, 'a'], [10, 'b'])).toThrow('[MIXED_TYPE_REPLACEMENT] Mixed type replacements are not supported.');
    expect(() => df.replace(1)).toThrow('[ARGUMENT_REQUIRED] Argument `value` is required when `to_replace` is dict.');
  });

  test('describe and summary give Spark\'s strings per statistic', () => {
    const described = df.describe();
    expect(described.dtypes).toEqual([['summary', 'string'], ['id', 'string'], ['s', 'string'], ['d', 'string']]);
    expect(rows(described)).toEqual([
      { summary: 'count', id: '4', s: '3', d: '3' },
      { summary: 'mean', id: '2.25', s: null, d: '3.5' },
      { summary: 'stddev', id: '0.9574271077563381', s: null, d: '0.8660254037844386' },
      { summary: 'min', id: '1', s: 'a', d: '2.5' },
      { summary: 'max', id: '3', s: 'c', d: '4.0' },
    ]);
    expect(rows(df.describe('id')).map((r) => r.id)).toEqual(['4', '2.25', '0.9574271077563381', '1', '3']);
    expect(rows(df.summary('count', 'min', '25%', 'max'))).toEqual([
      { summary: 'count', id: '4', s: '3', d: '3' },
      { summary: 'min', id: '1', s: 'a', d: '2.5' },
      { summary: '25%', id: '1', s: null, d: '2.5' },
      { summary: 'max', id: '3', s: 'c', d: '4.0' },
    ]);
    expect(rows(df.summary()).map((r) => r.summary)).toEqual(['count', 'mean', 'stddev', 'min', '25%', '50%', '75%', 'max']);
    expect(rows(df.summary()).filter((r) => String(r.summary).endsWith('%')).map((r) => r.d)).toEqual(['2.5', '4.0', '4.0']);
    expect(() => df.summary('median')).toThrow(AnalysisException);
    expect(() => df.summary('median')).toThrow('[UNRECOGNIZED_STATISTIC] The statistic median is not recognized.');
  });

  test('toJSON gives each row as JSON text, nulls left out', () => {
    expect(df.toJSON().collect().map((r) => r.value)).toEqual(['{"id":1,"s":"a","d":2.5}', '{"id":2}', '{"id":3,"s":"c","d":4.0}', '{"id":3,"s":"c","d":4.0}']);
  });

  test('cache materialises once; unpersist reads the source again', () => {
    let reads = 0;
    const source = spark.createDataFrame([[1]], 'x int');
    const counting = source.filter(col('x').gt(0));
    // Count reads through a LocalRelation whose data() is called per execution.
    const plan = counting.plan as unknown as { child: { data: () => unknown[][] } };
    const data = plan.child.data;
    plan.child.data = () => { reads++; return data(); };
    expect(counting.cache()).toBe(counting);
    expect(counting.is_cached).toBe(true);
    expect(counting.storageLevel.toRepr()).toBe('StorageLevel(True, True, False, True, 1)');
    expect(counting.count()).toBe(1);
    expect(counting.count()).toBe(1);
    expect(counting.select('x').collect().length).toBe(1);
    expect(reads).toBe(1);
    expect(counting.unpersist().is_cached).toBe(false);
    expect(counting.storageLevel.toRepr()).toBe('StorageLevel(False, False, False, False, 1)');
    counting.count();
    expect(reads).toBe(2);
  });

  test('repartition and coalesce keep the rows; their arguments are checked', () => {
    expect(df.repartition(3).count()).toBe(4);
    expect(df.repartition('id').count()).toBe(4);
    expect(df.repartition(2, col('s')).count()).toBe(4);
    expect(df.coalesce(1).count()).toBe(4);
    expect(() => df.repartition('x' as never, 3 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got int.');
    expect(() => df.repartition(0)).toThrow(IllegalArgumentException);
    expect(() => df.repartition('nope')).toThrow(AnalysisException);
  });

  test('foreach and foreachPartition see every row', () => {
    const seen: unknown[] = [];
    df.foreach((r) => seen.push(r.id));
    expect(seen).toEqual([1, 2, 3, 3]);
    let partitions = 0;
    df.foreachPartition((it) => {
      partitions++;
      for (const r of { [Symbol.iterator]: () => it }) seen.push(r.s);
    });
    // createDataFrame of local data is sliced over defaultParallelism partitions, as in PySpark.
    expect(partitions).toBe(spark.sparkContext.defaultParallelism);
    expect(seen.slice(4)).toEqual(['a', null, 'c', 'c']);
  });

  test('df.sparkSession is the session, also for foreachBatch DataFrames', async () => {
    expect(df.sparkSession).toBe(spark);
    const stream = new MemoryStream(IntegerType(), spark);
    const sessions: unknown[] = [];
    const q = stream.toDF().writeStream.foreachBatch((batch) => { sessions.push(batch.sparkSession); }).start();
    stream.addData([1]);
    await q.processAllAvailable();
    await q.stop();
    expect(sessions[0]).toBe(spark);
  });

  test('dropDuplicates takes one list, as PySpark 4.2', () => {
    expect(df.dropDuplicates(['id', 's']).count()).toBe(3);
    expect(() => df.dropDuplicates('id' as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `subset` should be list or tuple, got str.');
    expect(() => df.dropDuplicates([1] as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `subset` should be str, got int.');
  });

  test('where() resolves a column an earlier select dropped', () => {
    expect(rows(df.select('s').where(col('id').gt(1)))).toEqual([{ s: null }, { s: 'c' }, { s: 'c' }]);
    expect(rows(df.select('s').where('id > 1'))).toEqual([{ s: null }, { s: 'c' }, { s: 'c' }]);
    expect(df.select('s').where('id > 1').columns).toEqual(['s']);
    expect(() => df.select('s').where('nope > 1')).toThrow(AnalysisException);
  });

  test('wrong argument types raise NOT_EXPECTED_TYPE, never a TypeError', () => {
    expect(() => df.select(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got int.');
    expect(() => df.filter(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `condition` should be Column or str, got int.');
    expect(() => df.drop(1 as never)).toThrow('[NOT_EXPECTED_TYPE] Argument `col` should be Column or str, got int.');
    expect(() => df.withWatermark(1 as never, 'x')).toThrow('[NOT_EXPECTED_TYPE] Argument `eventTime` should be str, got int.');
    expect(() => df.union(1 as never)).toThrow(PySparkTypeError);
    expect(() => df.join(1 as never)).toThrow(PySparkTypeError);
  });
});

describe('StreamingQuery.explain', () => {
  test('waits for data, then shows the physical plan', async () => {
    const spark = newSession();
    const stream = new MemoryStream(IntegerType(), spark);
    const q = stream.toDF().where('value > 1').writeStream.format('memory').queryName('explained').start();
    try {
      const before = q.explainString();
      stream.addData(1, 2);
      await q.processAllAvailable();
      expect([before, q.explainString().split('\n')[0]]).toEqual(['No physical plan. Waiting for data.', '== Physical Plan ==']);
      expect(q.explainString()).toMatch(/Filter/);
    } finally {
      await q.stop();
      await spark.stop();
    }
  });
});
