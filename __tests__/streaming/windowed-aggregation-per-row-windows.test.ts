// A streaming aggregate over window(ts, size, slide) takes each input row's windows directly (no
// row per window) when its other keys and aggregate inputs are plain columns. It must give what
// aggregating the generator's rows one by one gives: the same rows in the same order per batch,
// the same late-row drops, across a restart, for negative (before 1970: windows with negative
// starts, rows behind the initial watermark 0) and far (beyond 2^53 us) event times,
// null event times and LONG sums beyond 2^53 and past the LONG range.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Column, DataFrame, StreamSession } from 'rivulet';
import { avg, col, count, expr, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { Aggregation } from '../../lib/execution/aggregation';
import { newSession } from '../support/session';

let spark: StreamSession;
const dirs: string[] = [];
beforeEach(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '5', 'rivulet.values.longAsBigInt': 'true' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  jest.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const schema = StructType([StructField('key', IntegerType(), false), StructField('ts', TimestampType(), true), StructField('value', LongType(), true)]);
const BIG = 2n ** 61n;
/** [key, ms offset (null: no event time), value] per batch: late rows, nulls, big sums. */
const batches: [number, number | null, bigint | null][][] = [
  [
    [1, 0, 5n],
    [2, 3_000, 7n],
    [1, 12_000, 2n ** 53n],
    [1, 14_000, 2n ** 53n],
    [3, null, 4n],
    [2, 4_000, null],
  ],
  [
    [2, 21_000, 4n],
    [1, 2_000, 9n],
    [4, 33_000, BIG],
    [4, 34_000, BIG],
  ],
  [
    [1, 41_000, 10n],
    // late: behind the watermark (31 s) for the windows that ended
    [3, 1_000, 100n],
    [4, 35_000, BIG],
    [4, 36_000, -BIG],
  ],
  [[2, 95_000, 3n]],
  [[5, 200_000, -1n]],
];

type Build = (df: DataFrame) => DataFrame;

async function run(baseMs: number, mode: 'append' | 'update', build: Build, restartAfter = -1, data = batches): Promise<{ rows: unknown[][][]; dropped: number[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-per-row-windows-'));
  dirs.push(dir);
  const input = new MemoryStream(schema, spark);
  const rows: unknown[][][] = [];
  const dropped: number[] = [];
  const start = () =>
    build(input.toDF().withWatermark('ts', '10 seconds'))
      .writeStream.outputMode(mode)
      .option('checkpointLocation', dir)
      .foreachBatch((df) => {
        rows.push(df.collect().map((r) => [...r].map((v) => (v instanceof Date ? v.getTime() - baseMs : v))));
      })
      .start();
  let query = start();
  for (let b = 0; b < data.length; b++) {
    input.addData(...data[b].map(([k, t, v]) => [k, t === null ? null : new Date(baseMs + t), v]));
    await query.processAllAvailable();
    for (const p of query.recentProgress) {
      if (p.batchId < dropped.length || p.stateOperators.length === 0) continue;
      dropped[p.batchId] = p.stateOperators[0].numRowsDroppedByWatermark;
    }
    if (b === restartAfter) {
      await query.stop();
      query = start();
    }
  }
  await query.stop();
  return { rows, dropped };
}

const w = (): Column => window(col('ts'), '20 seconds', '5 seconds');
const cases: [string, Build, Build][] = [
  ['window first, sum and count', (df) => df.groupBy(w(), col('key')).agg(sum('value').alias('s'), count('*').alias('n')), (df) => df.groupBy(w(), col('key')).agg(sum(expr('value * 1')).alias('s'), count(expr('key * 1')).alias('n'))],
  ['window second, sum and avg', (df) => df.groupBy(col('key'), w()).agg(sum('value').alias('s'), avg('value').alias('a')), (df) => df.groupBy(col('key'), w()).agg(sum(expr('value * 1')).alias('s'), avg(expr('value * 1')).alias('a'))],
  ['window alone, count', (df) => df.groupBy(w()).agg(count('value').alias('n')), (df) => df.groupBy(w()).agg(count(expr('value * 1')).alias('n'))],
];

for (const mode of ['append', 'update'] as const) {
  for (const [name, direct, perWindowRow] of cases) {
    for (const baseMs of [1_700_000_000_000, -30_000, 10_000_000_000_000]) {
      test(`${mode}, ${name}, event times from ${baseMs} ms: the same output as aggregating one row per window, across a restart`, async () => {
        const fused = jest.spyOn(Aggregation.prototype, 'aggregateByWindows');
        const expected = await run(baseMs, mode, perWindowRow);
        expect(fused).not.toHaveBeenCalled();
        const actual = await run(baseMs, mode, direct, 2);
        expect(fused).toHaveBeenCalled();
        expect(actual).toEqual(expected);
        expect(actual.rows.flat().length).toBeGreaterThan(0);
      });
    }
  }
}

/** Sums past the LONG range: 2^62 + 2^62 in the windows over 33-34 s. */
const overflowing: [number, number | null, bigint | null][][] = [[[4, 33_000, 2n ** 62n]], [[4, 34_000, 2n ** 62n]], [[5, 200_000, 1n]]];

test('the LONG sum wraps past the LONG range as Spark does without ANSI, in both paths', async () => {
  spark.conf.set('spark.sql.ansi.enabled', 'false');
  const expected = await run(0, 'append', cases[0][2], -1, overflowing);
  const actual = await run(0, 'append', cases[0][1], -1, overflowing);
  expect(actual).toEqual(expected);
  expect(actual.rows.flat().some((r) => r[1] === 4 && r[2] === -(2n ** 63n))).toBe(true);
});

test('with ANSI on, a LONG sum past the range fails with the overflow error in both paths', async () => {
  spark.conf.set('spark.sql.ansi.enabled', 'true');
  await expect(run(0, 'append', cases[0][2], -1, overflowing)).rejects.toThrow(/ARITHMETIC_OVERFLOW/);
  await expect(run(0, 'append', cases[0][1], -1, overflowing)).rejects.toThrow(/ARITHMETIC_OVERFLOW/);
});
