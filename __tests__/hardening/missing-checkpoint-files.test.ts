// Issue 15 finding 4: a checkpoint file that later batches depend on and that is gone is refused
// by name, never taken as "that batch did not happen" (which re-reads input, hides sink output, or
// hands foreachBatch a different batch under a committed id).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession, StreamingQuery } from 'rivulet';
import { ManualClock } from 'rivulet/testing';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-missing-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  fs.mkdirSync(path.join(dir, 'in'));
  for (let f = 0; f < 3; f++) fs.writeFileSync(path.join(dir, 'in', `${f}.json`), [0, 1, 2].map((i) => JSON.stringify({ k: `k${i}`, v: f * 10 + i })).join('\n') + '\n');
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cp = (name: string) => path.join(dir, `${name}-cp`);
const input = () => spark.readStream.schema('k STRING, v INT').option('maxFilesPerTrigger', 1).json(path.join(dir, 'in'));

function counts(seen: string[][]): StreamingQuery {
  return input()
    .groupBy('k')
    .count()
    .writeStream.outputMode('complete')
    .option('checkpointLocation', cp('counts'))
    .trigger({ availableNow: true })
    .foreachBatch((df) => {
      seen.push(df.collect().map((r) => `${String(r.k)}=${String(r.count)}`).sort());
    })
    .start();
}

function toFiles(): StreamingQuery {
  return input().writeStream.format('json').option('path', path.join(dir, 'out')).option('checkpointLocation', cp('files')).trigger({ availableNow: true }).start();
}

test('a deleted file source log batch is refused by name instead of re-reading its file', async () => {
  await counts([]).awaitTermination();
  const file = path.join(cp('counts'), 'sources', '0', '1');
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'in', '3.json'), '{"k":"k0","v":99}\n');
  // The source reads its log as the query starts.
  expect(() => counts([])).toThrow(`The checkpoint file ${file} is missing: batches (1) don't exist (startId: 0, endId: 2)`);
});

test('a deleted sources/ folder is refused by name instead of inflating the counts', async () => {
  await counts([]).awaitTermination();
  fs.rmSync(path.join(cp('counts'), 'sources'), { recursive: true });
  const seen: string[][] = [];
  await expect(counts(seen).awaitTermination()).rejects.toThrow(`The checkpoint file ${path.join(cp('counts'), 'sources', '0', '2')} is missing: the query committed file source log batch 2, but the log ends at -1`);
  expect(seen).toEqual([]);
});

test('a deleted _spark_metadata batch is refused by readers and by the restarted query', async () => {
  await toFiles().awaitTermination();
  expect(spark.read.json(path.join(dir, 'out')).count()).toBe(9);
  const file = path.join(dir, 'out', '_spark_metadata', '1');
  fs.rmSync(file);
  expect(() => spark.read.json(path.join(dir, 'out')).count()).toThrow(`The checkpoint file ${file} is missing: batches (1) don't exist (startId: 0, endId: 2)`);
  // The latest one: readers cannot tell, the query's next batch can.
  fs.rmSync(path.join(dir, 'out', '_spark_metadata', '2'));
  fs.writeFileSync(path.join(dir, 'in', '3.json'), '{"k":"k0","v":99}\n');
  fs.writeFileSync(file, fs.readFileSync(path.join(dir, 'out', '_spark_metadata', '0')));
  await expect(toFiles().awaitTermination()).rejects.toThrow(`The checkpoint file ${path.join(dir, 'out', '_spark_metadata', '2')} is missing`);
});

test('a deleted offsets file of a committed batch is refused by name, not CONCURRENT_STREAM_LOG_UPDATE', async () => {
  await counts([]).awaitTermination();
  const file = path.join(cp('counts'), 'offsets', '2');
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'in', '3.json'), '{"k":"k0","v":99}\n');
  const seen: string[][] = [];
  await expect(counts(seen).awaitTermination()).rejects.toThrow(`The checkpoint file ${file} is missing: batch 2 is committed (commits/2) but its offsets are gone`);
  expect(seen).toEqual([]);
  fs.rmSync(path.join(cp('counts'), 'offsets', '1'));
  fs.writeFileSync(file, 'v1\n{"batchWatermarkMs":0,"batchTimestampMs":0,"conf":{}}\n{"logOffset":2}');
  await expect(counts(seen).awaitTermination()).rejects.toThrow(`The checkpoint file ${path.join(cp('counts'), 'offsets', '1')} is missing: batches (1) don't exist in the offsets log`);
});

test("a deleted operator schema next to the operator's state is refused by name, not blamed on the query", async () => {
  await counts([]).awaitTermination();
  const file = path.join(cp('counts'), 'state', '0', '_metadata', 'schema');
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'in', '3.json'), '{"k":"k0","v":99}\n');
  const seen: string[][] = [];
  await expect(counts(seen).awaitTermination()).rejects.toThrow(`The checkpoint file ${file} is missing: stateful operator 0 has state in ${path.join(cp('counts'), 'state', '0')} but no schema`);
  expect(seen).toEqual([]);
});

test("a deleted rate source start time is refused by name instead of repeating values", async () => {
  const clock = new ManualClock(10_000);
  spark.clock = clock;
  const seen: number[] = [];
  const rates = () =>
    spark.readStream.format('rate').option('rowsPerSecond', 2).option('numPartitions', 1).load()
      .writeStream.option('checkpointLocation', cp('rate'))
      .foreachBatch((df) => {
        for (const r of df.collect()) seen.push(Number(r.value));
      })
      .start();
  const q = rates();
  clock.advance(3000);
  await q.processAllAvailable();
  await q.stop();
  expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  const file = path.join(cp('rate'), 'sources', '0', '0');
  fs.rmSync(file);
  clock.advance(5000);
  await expect(rates().awaitTermination()).rejects.toThrow(`The checkpoint file ${file} is missing: the checkpoint's offsets log reached second 3 of this rate source, but its start time is gone`);
  expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
});
