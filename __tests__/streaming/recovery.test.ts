// Exactly-once recovery through the engine: a batch logged in offsets/N without commits/N is re-run
// with the same offsets, batch id and timestamp; state continues from the checkpoint; changes
// Spark forbids and damaged checkpoints fail clearly.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { DataFrame, StreamingQuery, StreamSession } from 'rivulet';
import { col, current_timestamp } from 'rivulet/functions';
import { IntegerType, StringType, type Timestamp } from 'rivulet/types';
import { ManualClock, MemoryStream } from 'rivulet/testing';
import { partitionsOf } from '../../lib/state/state-file-format';
import { newSession } from '../support/session';

let checkpoint: string;
let spark: StreamSession;
beforeEach(() => {
  checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-recovery-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  spark.sparkContext.setLogLevel('OFF');
});
afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  fs.rmSync(checkpoint, { recursive: true, force: true });
});

interface SeenBatch {
  batchId: number;
  rows: unknown[][];
}

function wordCount(input: DataFrame, seen: SeenBatch[], mode = 'complete'): StreamingQuery {
  return input
    .groupBy('value')
    .count()
    .writeStream.outputMode(mode)
    .option('checkpointLocation', checkpoint)
    .foreachBatch((df, batchId) => {
      seen.push({ batchId, rows: df.collect().map((r) => [r[0], r[1]]) });
    })
    .start();
}

const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();

test('a restart continues batch ids and state from the last committed batch', async () => {
  const input = new MemoryStream(StringType(), spark);
  const seen: SeenBatch[] = [];
  let query = wordCount(input.toDF(), seen);
  input.addData('a', 'b');
  await query.processAllAvailable();
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  input.addData('a', 'c');
  query = wordCount(input.toDF(), seen);
  await query.processAllAvailable();
  await query.stop();
  expect(seen.map((s) => s.batchId)).toEqual([0, 1, 2]);
  expect(sorted(seen[2].rows)).toEqual(sorted([['a', 3], ['b', 1], ['c', 1]]));
  expect(fs.readdirSync(path.join(checkpoint, 'offsets'))).toEqual(['0', '1', '2']);
  expect(fs.readdirSync(path.join(checkpoint, 'commits'))).toEqual(['0', '1', '2']);
  // One file per operator and version (version = batch id + 1), every partition in it: one fsync
  // per operator and batch, whatever spark.sql.shuffle.partitions is.
  expect(fs.readdirSync(path.join(checkpoint, 'state', '0')).sort()).toEqual(['1.delta', '2.delta', '3.delta', '_metadata']);
});

test('an uncommitted batch is re-run with the same batch id, offsets, timestamp and state version', async () => {
  const clock = new ManualClock(1_700_000_000_000);
  spark.clock = clock;
  const input = new MemoryStream(StringType(), spark);
  const seen: { batchId: number; rows: string[] }[] = [];
  const start = () =>
    input
      .toDF()
      .groupBy('value')
      .count()
      .select(col('value'), col('count'), current_timestamp().alias('ts'))
      .writeStream.outputMode('complete')
      .option('checkpointLocation', checkpoint)
      .foreachBatch((df, batchId) => {
        seen.push({ batchId, rows: sorted(df.collect().map((r) => [r[0], r[1], String((r[2] as Timestamp).epochMicros)])) });
      })
      .start();
  let query = start();
  input.addData('a', 'b');
  await query.processAllAvailable();
  clock.advance(5000);
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  // A crash after the sink wrote batch 1 but before commits/1: the batch is re-run as logged.
  fs.rmSync(path.join(checkpoint, 'commits', '1'));
  clock.advance(60_000);
  input.addData('z'); // arrives after the crash: must not join the re-run batch
  query = start();
  await query.processAllAvailable();
  await query.stop();
  expect(seen.map((s) => s.batchId)).toEqual([0, 1, 1, 2]);
  expect(seen[2]).toEqual(seen[1]);
  // current_timestamp() of the re-run is the logged batch timestamp, not the restart's clock.
  expect(seen[1].rows).toEqual([JSON.stringify(['a', 2, '1700000005000000']), JSON.stringify(['b', 1, '1700000005000000'])]);
  expect(seen[3].rows).toEqual(['a', 'b', 'z'].map((w) => JSON.stringify([w, w === 'a' ? 2 : 1, '1700000065000000'])));
});

test('state survives changing the shuffle partitions: the checkpoint pins them', async () => {
  const input = new MemoryStream(StringType(), spark);
  const seen: SeenBatch[] = [];
  let query = wordCount(input.toDF(), seen);
  input.addData('a', 'b', 'c', 'd');
  await query.processAllAvailable();
  await query.stop();
  spark.conf.set('spark.sql.shuffle.partitions', '7');
  query = wordCount(input.toDF(), seen);
  input.addData('a', 'd');
  await query.processAllAvailable();
  await query.stop();
  expect(sorted(seen[1].rows)).toEqual(sorted([['a', 2], ['b', 1], ['c', 1], ['d', 2]]));
  // The state files still record the pinned 3 partitions.
  expect(partitionsOf(fs.readFileSync(path.join(checkpoint, 'state', '0', '2.delta')))).toBe(3);
  const offsets = fs.readFileSync(path.join(checkpoint, 'offsets', '1'), 'utf8').split('\n');
  expect(JSON.parse(offsets[1]).conf['spark.sql.shuffle.partitions']).toBe('3');
});

test('changed grouping keys fail with Spark schema error, naming the mismatch', async () => {
  const input = new MemoryStream(StringType(), spark);
  let query = wordCount(input.toDF(), []);
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  query = input
    .toDF()
    .groupBy(col('value').cast('int').alias('n'))
    .count()
    .writeStream.outputMode('complete')
    .option('checkpointLocation', checkpoint)
    .format('noop')
    .start();
  await expect(query.awaitTermination()).rejects.toThrow(
    /\[STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE\] Provided key schema does not match existing state key schema\. .*Existing key_schema=struct<value:string> and new key_schema=struct<[^>]*:int>/,
  );
});

test('a different number of sources than the checkpoint fails clearly', async () => {
  const a = new MemoryStream(IntegerType(), spark);
  const b = new MemoryStream(IntegerType(), spark);
  let query = a.toDF().writeStream.option('checkpointLocation', checkpoint).format('noop').start();
  a.addData(1);
  await query.processAllAvailable();
  await query.stop();
  query = a.toDF().union(b.toDF()).writeStream.option('checkpointLocation', checkpoint).format('noop').start();
  await expect(query.awaitTermination()).rejects.toThrow('There are [1] sources in the checkpoint offsets and now there are [2] sources requested by the query. Cannot continue.');
});

test('a damaged offsets file or state file names the file', async () => {
  const input = new MemoryStream(StringType(), spark);
  let query = wordCount(input.toDF(), []);
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  const deltaFile = path.join(checkpoint, 'state', '0', '1.delta');
  const bytes = fs.readFileSync(deltaFile);
  fs.writeFileSync(deltaFile, bytes.subarray(0, bytes.length - 3));
  input.addData('b');
  query = wordCount(input.toDF(), []);
  await expect(query.awaitTermination()).rejects.toThrow(`The state file ${deltaFile} is damaged: the file ends before its trailer (torn write)`);

  fs.writeFileSync(path.join(checkpoint, 'offsets', '0'), 'v1\n{"batchWat');
  query = wordCount(input.toDF(), []);
  await expect(query.awaitTermination()).rejects.toThrow(/The checkpoint file .*offsets\/0 is damaged/);
});

test('a missing delta file is Spark CANNOT_LOAD_STATE_STORE error', async () => {
  const input = new MemoryStream(StringType(), spark);
  let query = wordCount(input.toDF(), []);
  input.addData('a', 'b', 'c');
  await query.processAllAvailable();
  await query.stop();
  fs.rmSync(path.join(checkpoint, 'state', '0', '1.delta'));
  input.addData('d');
  query = wordCount(input.toDF(), []);
  await expect(query.awaitTermination()).rejects.toThrow(/\[CANNOT_LOAD_STATE_STORE\.CANNOT_READ_DELTA_FILE_NOT_EXISTS\] An error occurred during loading state\. Error reading delta file .*1\.delta of HDFSStateStoreProvider\[id = \(op=0,part=\d\)/);
});

test('a checkpoint in use by another live process is refused', async () => {
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    fs.writeFileSync(path.join(checkpoint, '.lock'), JSON.stringify({ pid: other.pid, runId: 'r' }));
    const input = new MemoryStream(StringType(), spark);
    const query = wordCount(input.toDF(), []);
    await expect(query.awaitTermination()).rejects.toThrow(`is in use by process ${other.pid}`);
  } finally {
    other.kill('SIGKILL');
  }
});

test('a stale lock left by a killed process is taken over', async () => {
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => dead.on('exit', r));
  fs.writeFileSync(path.join(checkpoint, '.lock'), JSON.stringify({ pid: dead.pid, runId: 'r' }));
  const input = new MemoryStream(StringType(), spark);
  const seen: SeenBatch[] = [];
  const query = wordCount(input.toDF(), seen);
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  expect(seen).toHaveLength(1);
  expect(fs.existsSync(path.join(checkpoint, '.lock'))).toBe(false);
});

test('without checkpointLocation a temporary checkpoint is used and deleted on stop', async () => {
  const input = new MemoryStream(StringType(), spark);
  const query = input.toDF().writeStream.format('memory').queryName('tmpck').start();
  input.addData('x');
  await query.processAllAvailable();
  const temps = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('temporary-'));
  expect(temps.some((t) => fs.existsSync(path.join(os.tmpdir(), t, 'offsets', '0')))).toBe(true);
  await query.stop();
  const after = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('temporary-') && fs.existsSync(path.join(os.tmpdir(), n, 'metadata')));
  expect(after.filter((t) => fs.readFileSync(path.join(os.tmpdir(), t, 'metadata'), 'utf8').includes(query.id))).toEqual([]);
});

test('a checkpoint written for other inputs is refused, naming both', async () => {
  const inA = path.join(checkpoint, 'in-a');
  const inB = path.join(checkpoint, 'in-b');
  fs.mkdirSync(inA);
  fs.mkdirSync(inB);
  fs.writeFileSync(path.join(inA, '1.txt'), 'x\n');
  const ck = path.join(checkpoint, 'ck');
  const run = (dir: string) => spark.readStream.text(dir).writeStream.format('noop').option('checkpointLocation', ck).trigger({ availableNow: true }).start();
  let query = run(inA);
  await query.awaitTermination();
  expect(JSON.parse(fs.readFileSync(path.join(ck, 'sources', '_identity'), 'utf8'))).toEqual([`text[path=${inA}]`]);
  query = run(inB);
  await expect(query.awaitTermination()).rejects.toThrow(
    `The checkpoint ${ck} was written by a different query: its source 0 is text[path=${inA}], and this query's source 0 is text[path=${inB}].`,
  );
});

test('state laid out for another number of partitions than the offsets log pins is refused', async () => {
  const input = new MemoryStream(StringType(), spark);
  let query = wordCount(input.toDF(), []);
  input.addData('a', 'b', 'c', 'd', 'e');
  await query.processAllAvailable();
  await query.stop();
  // Damage: the offsets log claims 2 partitions while the state has 3.
  const file = path.join(checkpoint, 'offsets', '0');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"spark.sql.shuffle.partitions":"3"', '"spark.sql.shuffle.partitions":"2"'));
  query = wordCount(input.toDF(), []);
  await expect(query.awaitTermination()).rejects.toThrow(/has partition 2, but the query runs with 2 shuffle partitions/);
});

test('a state file that is not one names the file', async () => {
  const input = new MemoryStream(StringType(), spark);
  let query = wordCount(input.toDF(), []);
  input.addData('a');
  await query.processAllAvailable();
  await query.stop();
  const file = path.join(checkpoint, 'state', '0', '1.delta');
  fs.writeFileSync(file, '{"partitions":[1,');
  input.addData('b');
  query = wordCount(input.toDF(), []);
  await expect(query.awaitTermination()).rejects.toThrow(`The state file ${file} is damaged: no state file header.`);
});
