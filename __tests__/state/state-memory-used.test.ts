// stateOperators[].memoryUsedBytes in progress: an estimate of the state's memory, as Spark reports
// its provider's, for the default store (with a checkpoint and without) and for lmdb. It is 0
// before any key is held, grows with the keys, and stays within sane bounds per key.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { estimateMapsBytes, estimateValueBytes } from '../../lib/state/state-memory-estimate';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-state-memory-'));
  spark = newSession();
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function memoryAfter(provider: string | undefined, checkpoint: boolean, batches: number[]): Promise<number[]> {
  if (provider) spark.conf.set('spark.sql.streaming.stateStore.providerClass', provider);
  spark.conf.set('spark.sql.shuffle.partitions', '4');
  const input = new MemoryStream(StringType(), spark);
  let writer = input.toDF().groupBy('value').count().writeStream.format('noop').outputMode('update');
  if (checkpoint) writer = writer.option('checkpointLocation', path.join(dir, 'cp'));
  const query = writer.start();
  const out: number[] = [];
  let next = 0;
  for (const n of batches) {
    const rows: string[] = [];
    for (let i = 0; i < n; i++) rows.push(`key-${next++}`);
    input.addData(...rows);
    await query.processAllAvailable();
    out.push(query.lastProgress!.stateOperators[0].memoryUsedBytes);
  }
  await query.stop();
  return out;
}

test.each([
  ['default store with a checkpoint', undefined, true],
  ['default store in memory', undefined, false],
])('%s: memoryUsedBytes grows with the keys, within 40-400 bytes a key', async (_name, provider, checkpoint) => {
  const [a, b] = await memoryAfter(provider, checkpoint, [100, 900]);
  expect(a).toBeGreaterThan(100 * 40);
  expect(a).toBeLessThan(100 * 400 + 4 * 64);
  expect(b).toBeGreaterThan(1000 * 40);
  expect(b).toBeLessThan(1000 * 400 + 4 * 64);
});

test('lmdb: memoryUsedBytes is the size of the B-tree pages, and grows with the keys', async () => {
  const [a, b] = await memoryAfter('lmdb', true, [100, 5000]);
  expect(a).toBeGreaterThan(0);
  expect(a % 4096).toBe(0);
  expect(b).toBeGreaterThan(a);
});

test('value estimates: small integers inside the reference, strings by length, arrays by elements', () => {
  expect(estimateValueBytes(7)).toBe(0);
  expect(estimateValueBytes(0.5)).toBe(12);
  expect(estimateValueBytes('abcd')).toBe(16);
  expect(estimateValueBytes([1, 'abcd'])).toBe(16 + 8 + 16);
  expect(estimateMapsBytes([])).toBe(0);
  expect(estimateMapsBytes([new Map([['abcd', 1]])])).toBe(64 + 16 + 16);
});
