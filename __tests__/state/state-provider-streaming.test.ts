// The state store provider through a streaming query: spark.sql.streaming.stateStore.providerClass
// picks lmdb (or Spark's RocksDB class name), counts continue across a restart on the same
// checkpoint, and the class pinned in the checkpoint wins over a changed session conf.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamingQuery, StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { HDFS_PROVIDER_CLASS, ROCKSDB_PROVIDER_CLASS } from '../../lib/state/state-store-provider-factory';

const PROVIDER = 'spark.sql.streaming.stateStore.providerClass';

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-state-provider-'));
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

function wordCount(input: MemoryStream, out: Map<string, number>[]): StreamingQuery {
  return input
    .toDF()
    .groupBy('value')
    .count()
    .writeStream.outputMode('update')
    .option('checkpointLocation', checkpoint)
    .foreachBatch((df) => {
      out.push(new Map(df.collect().map((r) => [r[0] as string, Number(r[1])])));
    })
    .start();
}

async function run(input: MemoryStream, words: string[][]): Promise<Map<string, number>[]> {
  const out: Map<string, number>[] = [];
  const query = wordCount(input, out);
  for (const batch of words) {
    input.addData(...batch);
    await query.processAllAvailable();
  }
  await query.stop();
  return out;
}

const stateFiles = (operator: string) => fs.readdirSync(path.join(checkpoint, 'state', operator)).sort();

test.each(['lmdb', ROCKSDB_PROVIDER_CLASS])('a word count on the %s provider continues its counts after a restart', async (providerClass) => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '4', [PROVIDER]: providerClass });
  spark.sparkContext.setLogLevel('OFF');
  const input = new MemoryStream(StringType(), spark);
  const first = await run(input, [['a', 'b', 'a'], ['b', 'c']]);
  expect(first).toEqual([new Map([['a', 2], ['b', 1]]), new Map([['b', 2], ['c', 1]])]);
  expect(stateFiles('0')).toEqual(['_metadata', 'lmdb']);
  const second = await run(input, [['a', 'c', 'd'], ['a']]);
  expect(second).toEqual([new Map([['a', 3], ['c', 2], ['d', 1]]), new Map([['a', 4]])]);
  expect(stateFiles('0')).toEqual(['_metadata', 'lmdb']);
});

test('the provider pinned in the checkpoint wins over a changed session conf', async () => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2', [PROVIDER]: 'lmdb' });
  spark.sparkContext.setLogLevel('OFF');
  const input = new MemoryStream(StringType(), spark);
  await run(input, [['x', 'y', 'x']]);
  spark.conf.set(PROVIDER, HDFS_PROVIDER_CLASS);
  const resumed = await run(input, [['x', 'z']]);
  expect(resumed).toEqual([new Map([['x', 3], ['z', 1]])]);
  // Still lmdb: no delta-file partition folders appeared.
  expect(stateFiles('0')).toEqual(['_metadata', 'lmdb']);
});

test('a checkpoint started on the delta-file provider stays on it when the session asks for lmdb', async () => {
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  const input = new MemoryStream(StringType(), spark);
  await run(input, [['x', 'y', 'x']]);
  spark.conf.set(PROVIDER, 'lmdb');
  const resumed = await run(input, [['y']]);
  expect(resumed).toEqual([new Map([['y', 2]])]);
  expect(stateFiles('0')).toEqual(['1.delta', '2.delta', '_metadata']);
});

test('complete-mode output comes out in the same order on both providers, across a restart', async () => {
  const outputs: string[][][] = [];
  for (const providerClass of [HDFS_PROVIDER_CLASS, 'lmdb']) {
    fs.rmSync(checkpoint, { recursive: true, force: true });
    spark = newSession({ 'spark.sql.shuffle.partitions': '3', [PROVIDER]: providerClass });
    spark.sparkContext.setLogLevel('OFF');
    const input = new MemoryStream(StringType(), spark);
    const seen: string[][] = [];
    const start = () =>
      input
        .toDF()
        .groupBy('value')
        .count()
        .writeStream.outputMode('complete')
        .option('checkpointLocation', checkpoint)
        .foreachBatch((df) => {
          seen.push(df.collect().map((r) => `${String(r[0])}=${String(r[1])}`));
        })
        .start();
    const words = 'the quick brown fox jumps over the lazy dog and the dog sleeps while a fox runs far away'.split(' ');
    let query = start();
    for (let i = 0; i < words.length; i += 4) {
      if (i === 8) {
        await query.stop();
        query = start();
      }
      input.addData(...words.slice(i, i + 4));
      await query.processAllAvailable();
    }
    await query.stop();
    outputs.push(seen);
  }
  expect(outputs[0].length).toBe(5);
  expect(outputs[0][4]).toContain('the=3');
  expect(outputs[1]).toEqual(outputs[0]);
});
