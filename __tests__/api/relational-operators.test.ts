// orderBy, limit, distinct, dropDuplicates, unions, set operations and joins on batch frames, and
// the streaming rules for them.
import { AnalysisException, type StreamSession } from 'rivulet';
import { col, count } from 'rivulet/functions';
import { IntegerType, StringType, StructType, StructField } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { captureStdout } from '../support/capture-stdout';

describe('relational operators', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
  });

  afterEach(() => spark.stop());

  const emp = () =>
    spark.createDataFrame(
      [
        ['ann', 10, 3000],
        ['bob', 20, 2000],
        ['cid', 10, null],
        ['dan', 30, 2000],
        ['ann', 10, 3000],
      ],
      StructType([StructField('name', StringType()), StructField('dept', IntegerType()), StructField('salary', IntegerType())]),
    );
  const dept = () =>
    spark.createDataFrame(
      [
        [10, 'eng'],
        [20, 'ops'],
        [40, 'hr'],
      ],
      'dept INT, title STRING',
    );
  const values = (rows: { asDict(): Record<string, unknown> }[]) => rows.map((r) => Object.values(r.asDict()));

  test('orderBy with directions and null ordering; sort is stable', () => {
    expect(values(emp().orderBy('salary').select('name', 'salary').collect())).toEqual([
      ['cid', null],
      ['bob', 2000],
      ['dan', 2000],
      ['ann', 3000],
      ['ann', 3000],
    ]);
    expect(values(emp().orderBy(col('salary').desc(), 'name').select('name').collect())).toEqual([['ann'], ['ann'], ['bob'], ['dan'], ['cid']]);
    expect(values(emp().orderBy(['dept', 'name'], { ascending: [false, true] }).select('dept', 'name').collect())[0]).toEqual([30, 'dan']);
    expect(values(emp().orderBy(col('salary').asc_nulls_last()).select('name').collect()).pop()).toEqual(['cid']);
  });

  test('orderBy a column the projection dropped', () => {
    expect(values(emp().select('name').orderBy(col('salary').desc_nulls_first()).collect())).toEqual([['cid'], ['ann'], ['ann'], ['bob'], ['dan']]);
  });

  test('limit, offset, distinct, dropDuplicates', () => {
    expect(emp().limit(2).count()).toBe(2);
    expect(values(emp().offset(3).select('name').collect())).toEqual([['dan'], ['ann']]);
    expect(emp().distinct().count()).toBe(4);
    expect(values(emp().dropDuplicates(['dept']).select('name', 'dept').collect())).toEqual([
      ['ann', 10],
      ['bob', 20],
      ['dan', 30],
    ]);
    expect(() => emp().limit(-1)).toThrow('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE');
  });

  test('union, unionByName, intersect, subtract, exceptAll', () => {
    const a = spark.createDataFrame([[1, 'x'], [2, 'y'], [2, 'y']], 'id INT, v STRING');
    const b = spark.createDataFrame([[2, 'y'], [3, 'z']], 'id INT, v STRING');
    expect(values(a.union(b).collect())).toEqual([[1, 'x'], [2, 'y'], [2, 'y'], [2, 'y'], [3, 'z']]);
    expect(values(a.union(b).distinct().collect())).toEqual([[1, 'x'], [2, 'y'], [3, 'z']]);
    expect(values(a.intersect(b).collect())).toEqual([[2, 'y']]);
    expect(values(a.intersectAll(b).collect())).toEqual([[2, 'y']]);
    expect(values(a.subtract(b).collect())).toEqual([[1, 'x']]);
    expect(values(a.exceptAll(b).collect())).toEqual([[1, 'x'], [2, 'y']]);
    const c = spark.createDataFrame([['z', 9]], 'v STRING, id INT');
    expect(values(a.unionByName(c).collect()).pop()).toEqual([9, 'z']);
    const d = spark.createDataFrame([[7]], 'id INT');
    expect(values(d.unionByName(a, true).collect())).toEqual([[7, null], [1, 'x'], [2, 'y'], [2, 'y']]);
    expect(() => a.union(d)).toThrow(
      '[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has 2 columns and the second input has 1 columns. SQLSTATE: 42826',
    );
    const widened = spark.createDataFrame([[1]], 'id BIGINT').union(spark.createDataFrame([[2]], 'id INT'));
    expect(widened.schema.simpleString()).toBe('struct<id:bigint>');
    expect(values(widened.collect())).toEqual([[1], [2]]);
  });

  test('joins: inner, outer, semi, anti, cross, USING columns', () => {
    const e = emp().distinct();
    const d = dept();
    expect(values(e.join(d, 'dept').select('name', 'dept', 'title').orderBy('name').collect())).toEqual([
      ['ann', 10, 'eng'],
      ['bob', 20, 'ops'],
      ['cid', 10, 'eng'],
    ]);
    expect(e.join(d, 'dept').columns).toEqual(['dept', 'name', 'salary', 'title']);
    expect(values(e.join(d, ['dept'], 'left').where(col('title').isNull()).select('name').collect())).toEqual([['dan']]);
    expect(values(e.join(d, 'dept', 'right').where(col('name').isNull()).select('dept', 'title').collect())).toEqual([[40, 'hr']]);
    const full = e.join(d, 'dept', 'full_outer');
    expect(full.count()).toBe(5);
    expect(values(full.where(col('name').isNull()).select('dept').collect())).toEqual([[40]]);
    expect(values(d.join(e, 'dept', 'left_semi').collect())).toEqual([[10, 'eng'], [20, 'ops']]);
    expect(values(d.join(e, 'dept', 'anti').collect())).toEqual([[40, 'hr']]);
    expect(e.crossJoin(d).count()).toBe(12);
    const on = e.join(d, e.col('dept').eq(d.col('dept')), 'inner');
    expect(on.columns).toEqual(['name', 'dept', 'salary', 'dept', 'title']);
    expect(on.count()).toBe(3);
    expect(() => on.select('dept')).toThrow('[AMBIGUOUS_REFERENCE] Reference `dept` is ambiguous');
    expect(() => e.join(d, 'dept', 'sideways')).toThrow("[UNSUPPORTED_JOIN_TYPE] Unsupported join type 'sideways'.");
    // A non-equi condition runs as a nested loop.
    expect(e.join(d, e.col('dept').lt(d.col('dept'))).count()).toBe(6);
  });

  test('streaming rules: sorting only after aggregation in complete mode; stream-static joins', async () => {
    const input = new MemoryStream(StructType([StructField('dept', IntegerType()), StructField('n', IntegerType())]), spark);
    const stream = input.toDF();
    expect(() => stream.orderBy('n').writeStream.format('console').start()).toThrow(
      'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode',
    );
    expect(() => stream.union(dept().select('dept', 'dept')).writeStream.format('console').start()).toThrow('Union between streaming and batch DataFrames/Datasets is not supported');
    expect(() => dept().join(stream, 'dept', 'left').writeStream.format('console').start()).toThrow(AnalysisException);

    const top = stream.join(dept(), 'dept').groupBy('title').agg(count('*').alias('c')).orderBy(col('c').desc(), 'title').limit(1);
    const out = captureStdout();
    const q = top.writeStream.format('console').outputMode('complete').start();
    input.addData({ dept: 10, n: 1 }, { dept: 20, n: 1 }, { dept: 10, n: 2 }, { dept: 99, n: 0 });
    await q.processAllAvailable();
    await q.stop();
    out.restore();
    expect(out.text()).toContain('+-----+---+\n|title|  c|\n+-----+---+\n|  eng|  2|\n+-----+---+\n');
  });
});
