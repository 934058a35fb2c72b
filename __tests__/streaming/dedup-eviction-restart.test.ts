// Streaming deduplication keeps its state keys in an in-memory index by expiry time across
// batches (or, on lmdb, in the store's event-time index); a restart from a checkpoint, a failed
// batch and a query run with stops between batches must evict exactly what an uninterrupted run
// evicts (the index is rebuilt from the stores).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataFrame, StreamingQuery, StreamSession } from 'rivulet';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const schema = StructType([StructField('id', StringType(), true), StructField('timestamp', TimestampType(), true)]);
const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 12, minute));
const rows = (...items: [string, number | null][]) => items.map(([id, m]) => ({ id, timestamp: m === null ? null : at(m) }));

// Watermark delay 10 minutes. Batches (with the no-data batches the engine adds when the
// watermark moves): keys a@0, b@5, c@20, d@11, e@null (never expires), and a late a@0.
const batches = [
  rows(['a', 0], ['a', 0], ['b', 5], ['e', null]),
  rows(['a', 0], ['c', 20], ['e', null]),
  rows(['a', 0], ['d', 11], ['b', 25]),
  rows(['f', 40]),
];

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-dedup-restart-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  await spark.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

interface Run {
  out: string[][];
  removed: number[];
  total: number[];
}

type Dedup = (df: DataFrame) => DataFrame;

function start(input: MemoryStream, dedup: Dedup, run: Run, failOn?: { batchId: number; left: number }): StreamingQuery {
  return dedup(input.toDF().withWatermark('timestamp', '10 minutes'))
    .writeStream.option('checkpointLocation', checkpoint)
    .foreachBatch((df, batchId) => {
      if (failOn && failOn.batchId === batchId && failOn.left-- > 0) throw new Error('sink failed once');
      run.out[batchId] = df.collect().map((r) => `${r.id}@${r.timestamp === null ? 'null' : (r.timestamp as Date).getUTCMinutes()}`);
    })
    .start();
}

function record(q: StreamingQuery, run: Run): void {
  for (const p of q.recentProgress) {
    const op = p.stateOperators[0];
    run.removed[p.batchId] = op.numRowsRemoved;
    run.total[p.batchId] = op.numRowsTotal;
  }
}

async function uninterrupted(dedup: Dedup): Promise<Run> {
  const run: Run = { out: [], removed: [], total: [] };
  const input = new MemoryStream(schema, spark);
  const q = start(input, dedup, run);
  for (const b of batches) {
    input.addData(...b);
    await q.processAllAvailable();
  }
  record(q, run);
  await q.stop();
  return run;
}

/** A new query (a new operator, its index rebuilt from the checkpoint) for every batch; one batch fails once. */
async function restarted(dedup: Dedup, failingBatch: number): Promise<Run> {
  const run: Run = { out: [], removed: [], total: [] };
  const input = new MemoryStream(schema, spark);
  const failOn = { batchId: failingBatch, left: 1 };
  for (const b of batches) {
    input.addData(...b);
    let q = start(input, dedup, run, failOn);
    try {
      await q.processAllAvailable();
    } catch {
      record(q, run);
      await q.stop();
      q = start(input, dedup, run, failOn);
      await q.processAllAvailable();
    }
    record(q, run);
    await q.stop();
  }
  return run;
}

// Both providers: the delta-file store evicts key by key from the operator's heap, lmdb by a range
// of its event-time index (whose undo a re-run batch goes through).
describe.each(['hdfs', 'lmdb'])('on the %s state store', (provider) => {
  beforeEach(() => spark.conf.set('spark.sql.streaming.stateStore.providerClass', provider));

  test('dropDuplicates with the event time in the key evicts the same keys after restarts and a failed batch', async () => {
    const dedup: Dedup = (df) => df.dropDuplicates(['id', 'timestamp']);
    const whole = await uninterrupted(dedup);
    // Odd batches are the no-data batches after the watermark moved (11:55, 12:10, 12:15, 12:30):
    // a@0 and b@5 leave state at 12:10, d@11 at 12:15, c@20 and b@25 at 12:30; e@null never.
    expect(whole).toEqual({
      out: [['a@0', 'b@5', 'e@null'], [], ['c@20'], [], ['d@11', 'b@25'], [], ['f@40'], []],
      removed: [0, 0, 0, 2, 0, 1, 0, 2],
      total: [3, 3, 4, 2, 4, 3, 4, 2],
    });
    fs.rmSync(checkpoint, { recursive: true, force: true });
    const again = await restarted(dedup, 3);
    expect(again).toEqual(whole);
  });

  test('dropDuplicatesWithinWatermark expires the same keys after restarts and a failed batch', async () => {
    const dedup: Dedup = (df) => df.dropDuplicatesWithinWatermark(['id']);
    const whole = await uninterrupted(dedup);
    // Keys expire at first event time + 10 minutes: a at 12:10, b at 12:15 (b@25 is its duplicate),
    // d at 12:21 and c at 12:30; e (null time) never.
    expect(whole).toEqual({
      out: [['a@0', 'b@5', 'e@null'], [], ['c@20'], [], ['d@11'], [], ['f@40'], []],
      removed: [0, 0, 0, 1, 0, 1, 0, 2],
      total: [3, 3, 4, 3, 4, 3, 4, 2],
    });
    fs.rmSync(checkpoint, { recursive: true, force: true });
    const again = await restarted(dedup, 2);
    expect(again).toEqual(whole);
  });
});
