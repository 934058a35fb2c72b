// Event times beyond 2^53 microseconds (after the year 2255) are held as bigints inside the
// aggregation instead of numbers: the same rows shifted to that era give the same windows, counts,
// evictions as in 2023 (the order within a batch follows the shuffle partitions, which hash the
// window's times, so it differs between eras; rows are compared sorted).
import type { StreamSession } from 'rivulet';
import { col, count, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

let spark: StreamSession;
beforeEach(() => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '4' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
});

const schema = StructType([StructField('key', IntegerType(), false), StructField('ts', TimestampType(), false), StructField('value', LongType(), false)]);
const batches: [number, number, number][][] = [
  [
    [1, 0, 5],
    [2, 3_000, 7],
    [1, 12_000, 1],
  ],
  [
    [2, 21_000, 4],
    [1, 2_000, 9],
  ],
  [
    [1, 41_000, 10],
    [3, 9_000, 100],
  ],
  [[2, 95_000, 3]],
];

async function run(baseMs: number, mode: 'append' | 'update'): Promise<unknown[][][]> {
  const input = new MemoryStream(schema, spark);
  const seen: unknown[][][] = [];
  const query = input
    .toDF()
    .withWatermark('ts', '10 seconds')
    .groupBy(window(col('ts'), '20 seconds', '10 seconds'), col('key'))
    .agg(count('*').alias('n'), sum('value').alias('total'))
    .writeStream.outputMode(mode)
    .foreachBatch((df) => {
      const rows = df.collect().map((r) => [((r[0] as unknown[])[0] as Date).getTime() - baseMs, r[1] as number, Number(r[2]), Number(r[3])]);
      seen.push(rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    })
    .start();
  for (const b of batches) {
    input.addData(...b.map(([k, t, v]) => [k, new Date(baseMs + t), BigInt(v)]));
    await query.processAllAvailable();
  }
  await query.stop();
  return seen;
}

for (const mode of ['append', 'update'] as const) {
  test(`${mode}: windows after 2^53 microseconds behave as windows in 2023`, async () => {
    const near = await run(1_700_000_000_000, mode);
    // 2^53 us is about 9.0e12 ms; 1.0e13 ms is in the year 2286.
    const far = await run(10_000_000_000_000, mode);
    expect(far).toEqual(near);
    expect(near.flat().length).toBeGreaterThan(0);
  });
}
