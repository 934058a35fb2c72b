// A windowed aggregation with a watermark on the lmdb state store evicts expired windows by a range
// of the store's event-time index (StateStore.removeUpTo) instead of removing groups one by one.
// Output, order, evictions and state row counts must be those of the default store, for a run that
// never stops and for a run restarted after every batch with a sink failure in between (the failed
// batch is re-run from the state it committed, through lmdb's undo of a range eviction); event
// times beyond 2^53 microseconds (bigints in the operator) are evicted alike.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamingQuery, StreamSession } from 'rivulet';
import { col, sum, window } from 'rivulet/functions';
import { IntegerType, LongType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-lmdb-windows-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '4' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  await spark.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

const schema = StructType([StructField('key', IntegerType(), false), StructField('ts', TimestampType(), false), StructField('value', LongType(), false)]);
// [key, seconds after the base, value]
const batches: [number, number, number][][] = [
  [
    [1, 0, 5],
    [2, 3, 7],
    [1, 12, 1],
    [4, 14, 2],
  ],
  [
    [2, 21, 4],
    [3, 25, 2],
    [1, 2, 9], // late for some windows
  ],
  [
    [1, 41, 10],
    [3, 9, 100],
    [5, 44, 1],
  ],
  [
    [2, 70, 3],
    [1, 95, 6],
  ],
  [[3, 130, 1]],
  [[4, 200, 8]],
];

interface Run {
  out: unknown[][][];
  removed: number[];
  total: number[];
}

function start(input: MemoryStream, mode: 'append' | 'update', base: number, run: Run, failOn?: { batchId: number; left: number }): StreamingQuery {
  return input
    .toDF()
    .withWatermark('ts', '10 seconds')
    .groupBy(window(col('ts'), '20 seconds', '10 seconds'), col('key'))
    .agg(sum('value').alias('total'))
    .writeStream.outputMode(mode)
    .option('checkpointLocation', checkpoint)
    .foreachBatch((df, batchId) => {
      if (failOn && failOn.batchId === batchId && failOn.left-- > 0) throw new Error('sink failed once');
      run.out[batchId] = df.collect().map((r) => [((r[0] as unknown[])[0] as Date).getTime() - base, r[1], Number(r[2])]);
    })
    .start();
}

function feed(input: MemoryStream, b: number, base: number): void {
  input.addData(...batches[b].map(([k, s, v]) => [k, new Date(base + s * 1000), BigInt(v)]));
}

function record(q: StreamingQuery, run: Run): void {
  for (const p of q.recentProgress) {
    run.removed[p.batchId] = p.stateOperators[0].numRowsRemoved;
    run.total[p.batchId] = p.stateOperators[0].numRowsTotal;
  }
}

async function uninterrupted(mode: 'append' | 'update', base: number): Promise<Run> {
  const run: Run = { out: [], removed: [], total: [] };
  const input = new MemoryStream(schema, spark);
  const q = start(input, mode, base, run);
  for (let b = 0; b < batches.length; b++) {
    feed(input, b, base);
    await q.processAllAvailable();
  }
  record(q, run);
  await q.stop();
  return run;
}

/** A new query for every batch; batch `failing` fails in the sink once, after its state committed. */
async function restarted(mode: 'append' | 'update', base: number, failing: number): Promise<Run> {
  const run: Run = { out: [], removed: [], total: [] };
  const input = new MemoryStream(schema, spark);
  const failOn = { batchId: failing, left: 1 };
  for (let b = 0; b < batches.length; b++) {
    feed(input, b, base);
    let q = start(input, mode, base, run, failOn);
    try {
      await q.processAllAvailable();
    } catch {
      record(q, run);
      await q.stop();
      q = start(input, mode, base, run, failOn);
      await q.processAllAvailable();
    }
    record(q, run);
    await q.stop();
  }
  return run;
}

const PROVIDER = 'spark.sql.streaming.stateStore.providerClass';

describe.each([
  ['2023', 1_700_000_000_000],
  ['after 2^53 microseconds', 10_000_000_000_000],
])('event times in %s', (_era, base) => {
  for (const mode of ['append', 'update'] as const) {
    test(`${mode}: lmdb's range eviction gives the default store's output, evictions and state counts`, async () => {
      const reference = await uninterrupted(mode, base);
      // Windows did leave state, in more than one batch.
      expect(reference.removed.filter((n) => n > 0).length).toBeGreaterThan(1);
      fs.rmSync(checkpoint, { recursive: true, force: true });
      spark.conf.set(PROVIDER, 'lmdb');
      const onLmdb = await uninterrupted(mode, base);
      expect(fs.readdirSync(path.join(checkpoint, 'state', '0'))).toContain('lmdb');
      expect(onLmdb).toEqual(reference);
      fs.rmSync(checkpoint, { recursive: true, force: true });
      // Batch 3 evicts windows (after batch 2's watermark moved): its re-run undoes a range eviction.
      expect(reference.removed[3]).toBeGreaterThan(0);
      expect(await restarted(mode, base, 3)).toEqual(reference);
    });
  }
});
