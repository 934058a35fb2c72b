// DataFrame.rollup / cube / groupingSets with grouping() and grouping_id(). The expected values were
// checked against PySpark 4.2.0 runs of the same calls (oracle/scenarios/aggregations/
// grouping-sets-dataframe, rollup-streaming-update, grouping-sets-repr-pivot).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { type DataFrame, type StreamSession } from 'rivulet';
import { col, count, grouping, grouping_id, sum, upper, window } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { cubeAnalytics, groupingSetsAnalytics, rollupAnalytics } from '../../lib/api/grouping-analytics';
import { column } from '../../lib/expressions/unresolved';
import { newSession } from '../support/session';

const rowsOf = (d: DataFrame) => d.collect().map((r) => r.asDict());

describe('grouping sets of the DataFrame API', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([['east', 'tea', 10], ['east', 'milk', 5], ['west', 'tea', 7], [null, 'tea', 1]], 'region STRING, product STRING, amount INT');
  });
  afterEach(() => spark.stop());

  test('the sets each form stands for, in Spark order', () => {
    expect(rollupAnalytics(3).sets).toEqual([[0, 1, 2], [0, 1], [0], []]);
    expect(rollupAnalytics(0).sets).toEqual([[]]);
    expect(cubeAnalytics(2).sets).toEqual([[0, 1], [0], [1], []]);
    expect(cubeAnalytics(3).sets).toEqual([[0, 1, 2], [0, 1], [0, 2], [0], [1, 2], [1], [2], []]);
    const [a, b, c, lowerB] = ['a', 'B', 'c', 'b'].map((n) => column(n));
    // Names match without case; a member not among the columns groups but is not shown.
    const sets = groupingSetsAnalytics([[a], [lowerB, c], []], [a, b]);
    expect(sets.sets).toEqual([[0], [1, 2], []]);
    expect(sets.hidden).toEqual([c]);
  });

  test('rollup: per (region, product), per region and over all rows, with grouping_id()', () => {
    const out = df.rollup('region', 'product').agg(sum('amount'), grouping_id()).orderBy('region', 'product', 'grouping_id()');
    expect(out.columns).toEqual(['region', 'product', 'sum(amount)', 'grouping_id()']);
    expect(rowsOf(out).map((r) => Object.values(r))).toEqual([
      [null, null, 1, 1],
      [null, null, 23, 3],
      [null, 'tea', 1, 0],
      ['east', null, 15, 1],
      ['east', 'milk', 5, 0],
      ['east', 'tea', 10, 0],
      ['west', null, 7, 1],
      ['west', 'tea', 7, 0],
    ]);
    expect(df.rollup('region', 'product').count().columns).toEqual(['region', 'product', 'count']);
    expect(rowsOf(df.rollup().count())).toEqual([{ count: 4 }]);
  });

  test('cube: every subset of the columns; Columns and expressions as grouping columns', () => {
    const out = df.cube('region', col('product')).sum('amount').orderBy('region', 'product', 'sum(amount)');
    expect(rowsOf(out).map((r) => Object.values(r))).toEqual([
      [null, null, 1],
      [null, null, 23],
      [null, 'milk', 5],
      [null, 'tea', 1],
      [null, 'tea', 18],
      ['east', null, 15],
      ['east', 'milk', 5],
      ['east', 'tea', 10],
      ['west', null, 7],
      ['west', 'tea', 7],
    ]);
    const byUpper = df.rollup(upper('region').alias('r')).agg(count('*').alias('n')).orderBy('r', 'n');
    expect(rowsOf(byUpper)).toEqual([{ r: null, n: 1 }, { r: null, n: 4 }, { r: 'EAST', n: 2 }, { r: 'WEST', n: 1 }]);
  });

  test('groupingSets: the listed sets, grouping() of a column, a member that is not an output column', () => {
    const out = df.groupingSets([['region'], ['product'], []], 'region', 'product').agg(sum('amount').alias('total'), grouping('region'), grouping_id('region', 'product')).orderBy('region', 'product', 'total');
    expect(out.columns).toEqual(['region', 'product', 'total', 'grouping(region)', 'grouping_id(region, product)']);
    expect(rowsOf(out).map((r) => Object.values(r))).toEqual([
      [null, null, 1, 0, 1],
      [null, null, 23, 1, 3],
      [null, 'milk', 5, 1, 2],
      [null, 'tea', 18, 1, 2],
      ['east', null, 15, 0, 1],
      ['west', null, 7, 0, 1],
    ]);
    // Grouped by amount in the second set (four groups of one), but only region is shown.
    const hidden = df.groupingSets([['region'], ['amount']], 'region').count().orderBy('region', 'count');
    expect(hidden.columns).toEqual(['region', 'count']);
    expect(rowsOf(hidden).map((r) => Object.values(r))).toEqual([[null, 1], [null, 1], [null, 1], [null, 1], [null, 1], ['east', 2], ['west', 1]]);
  });

  test("PySpark's repr names the type; pivot after rollup is refused as Spark does; bad sets are refused", () => {
    expect(inspect(df.rollup('region', 'product'))).toBe('GroupedData[grouping expressions: [region, product], value: [region: string, product: string ... 1 more field], type: Rollup]');
    expect(inspect(df.cube('region'))).toBe('GroupedData[grouping expressions: [region], value: [region: string, product: string ... 1 more field], type: Cube]');
    expect(inspect(df.groupingSets([['region'], ['product']], 'region', 'product'))).toContain('type: GroupingSets]');
    expect(() => df.rollup('region').pivot('product')).toThrow(
      '[UNSUPPORTED_FEATURE.PIVOT_AFTER_GROUP_BY] The feature is not supported: PIVOT clause following a GROUP BY clause. Consider pushing the GROUP BY into a subquery. SQLSTATE: 0A000',
    );
    expect(() => df.groupingSets('region' as never, 'region')).toThrow('[NOT_EXPECTED_TYPE] Argument `groupingSets` should be list, got str.');
    expect(() => df.groupingSets([['nope']], 'region').count()).toThrow('UNRESOLVED_COLUMN');
  });

  test('a rollup over event-time windows groups per window and over all windows', () => {
    const events = spark.createDataFrame(
      [[new Date('2024-05-01T10:00:10Z'), 'a'], [new Date('2024-05-01T10:00:50Z'), 'b'], [new Date('2024-05-01T10:01:20Z'), 'a']],
      StructType([StructField('ts', TimestampType()), StructField('k', StringType())]),
    );
    const out = events.rollup(window('ts', '1 minute'), 'k').count().selectExpr("date_format(window.start, 'HH:mm') AS start", 'k', 'count').orderBy('start', 'k');
    expect(rowsOf(out).map((r) => Object.values(r))).toEqual([
      [null, null, 3],
      ['10:00', null, 2],
      ['10:00', 'a', 1],
      ['10:00', 'b', 1],
      ['10:01', null, 1],
      ['10:01', 'a', 1],
    ]);
  });
});

describe('rollup on a stream', () => {
  let spark: StreamSession;
  let checkpoint: string;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
    spark.sparkContext.setLogLevel('OFF');
    checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-rollup-'));
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
    fs.rmSync(checkpoint, { recursive: true, force: true });
  });

  test('update mode emits the changed group of every set; a restart continues from the checkpoint', async () => {
    const schema = StructType([StructField('store', StringType()), StructField('item', StringType()), StructField('qty', IntegerType())]);
    const input = new MemoryStream(schema, spark);
    const batches: string[][] = [];
    const start = () =>
      input.toDF().rollup('store', 'item').agg(sum('qty').alias('qty'), grouping_id().alias('gid'))
        .writeStream.outputMode('update').option('checkpointLocation', checkpoint)
        .foreachBatch((batchDf: DataFrame) => {
          batches.push(rowsOf(batchDf).map((r) => `${r.store}/${r.item}=${r.qty}:${r.gid}`).sort());
        })
        .start();
    let q = start();
    input.addData(['north', 'apple', 3], ['north', 'pear', 2]);
    await q.processAllAvailable();
    expect(batches).toEqual([['north/apple=3:0', 'north/null=5:1', 'north/pear=2:0', 'null/null=5:3']]);
    await q.stop();
    q = start();
    input.addData(['south', 'apple', 4]);
    await q.processAllAvailable();
    // After the restart: only the groups the new row changed, with the totals kept in state.
    expect(batches[batches.length - 1]).toEqual(['null/null=9:3', 'south/apple=4:0', 'south/null=4:1']);
    await q.stop();
  });
});
