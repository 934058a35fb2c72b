// Behaviours the PySpark oracle found Rivulet getting wrong (issue 10), each checked here without
// a JVM: the recorded scenarios under oracle/scenarios show Spark printing the same.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { AnalysisException, IllegalArgumentException } from 'rivulet';
import { IntegerType, StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

let spark: StreamSession;
let root: string;

beforeEach(() => {
  spark = newSession();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-oracle-fixes-'));
});

afterEach(async () => {
  for (const q of spark.streams.active) await q.stop();
  spark.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function writeFiles(dir: string, files: Record<string, string>): void {
  fs.mkdirSync(dir, { recursive: true });
  let second = 0;
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const t = new Date(Date.UTC(2026, 0, 1) + 1000 * second++);
    fs.utimesSync(file, t, t);
  }
}

test('trigger(once) reads every available file in one batch, ignoring maxFilesPerTrigger', async () => {
  const dir = path.join(root, 'in');
  writeFiles(dir, { '1.txt': 'a\n', '2.txt': 'b\n', '3.txt': 'c\n' });
  const q = spark.readStream.option('maxFilesPerTrigger', 1).text(dir)
    .writeStream.format('memory').queryName('once_all').trigger({ once: true }).start();
  await q.awaitTermination();
  expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([3]);
  expect(spark.table('once_all').collect().map((r) => r.value).sort()).toEqual(['a', 'b', 'c']);
});

test('availableNow still keeps maxFilesPerTrigger', async () => {
  const dir = path.join(root, 'in');
  writeFiles(dir, { '1.txt': 'a\n', '2.txt': 'b\n' });
  const q = spark.readStream.option('maxFilesPerTrigger', 1).text(dir)
    .writeStream.format('memory').queryName('now_limited').trigger({ availableNow: true }).start();
  await q.awaitTermination();
  expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([1, 1]);
});

test('a negative processingTime is refused with Spark\'s requirement text', () => {
  const w = spark.readStream.format('rate').load().writeStream;
  expect(() => w.trigger({ processingTime: '-1 second' })).toThrow(IllegalArgumentException);
  expect(() => w.trigger({ processingTime: '-1 second' })).toThrow('requirement failed: the interval of trigger should not be negative');
});

test('CSV PERMISSIVE: a field that does not convert is null, the other fields are kept', async () => {
  const dir = path.join(root, 'csv');
  writeFiles(dir, { '1.csv': 'id,city,temp\nx,Rome,21.0\n4,Oslo,warm\n' });
  const q = spark.readStream.schema('id INT, city STRING, temp DOUBLE').option('header', true).csv(dir)
    .writeStream.format('memory').queryName('csv_permissive').trigger({ availableNow: true }).start();
  await q.awaitTermination();
  expect(spark.table('csv_permissive').collect().map((r) => [r.id, r.city, r.temp])).toEqual([[null, 'Rome', 21], [4, 'Oslo', null]]);
});

test('the memory sink accepts Update mode and appends each batch\'s changed rows', async () => {
  const input = new MemoryStream(StringType(), spark);
  const q = input.toDF().groupBy('value').count().writeStream.format('memory').queryName('upd').outputMode('update').start();
  input.addData('a', 'b');
  await q.processAllAvailable();
  input.addData('a');
  await q.processAllAvailable();
  expect(spark.table('upd').collect().map((r) => `${r.value}=${r.count}`).sort()).toEqual(['a=1', 'a=2', 'b=1']);
  await q.stop();
});

test('the memory sink refuses to restart from a checkpoint outside Complete mode (_LEGACY_ERROR_TEMP_1299)', async () => {
  const checkpoint = path.join(root, 'chk');
  const input = new MemoryStream(IntegerType(), spark);
  input.addData(1);
  const start = (name: string) => input.toDF().writeStream.format('memory').queryName(name).option('checkpointLocation', checkpoint).start();
  const q = start('first');
  await q.processAllAvailable();
  await q.stop();
  let error: unknown;
  try {
    start('second');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AnalysisException);
  expect((error as AnalysisException).errorClass).toBe('_LEGACY_ERROR_TEMP_1299');
  expect((error as Error).message).toBe(`This query does not support recovering from checkpoint location. Delete ${path.join(checkpoint, 'offsets')} to start over.`);
});

test('the memory sink in Complete mode restarts from its checkpoint', async () => {
  const checkpoint = path.join(root, 'chk');
  const input = new MemoryStream(IntegerType(), spark);
  input.addData(1, 1);
  const start = (name: string) => input.toDF().groupBy('value').count().writeStream.format('memory').queryName(name).outputMode('complete').option('checkpointLocation', checkpoint).start();
  const q = start('c1');
  await q.processAllAvailable();
  await q.stop();
  const again = start('c2');
  expect(again.isActive).toBe(true);
  await again.stop();
});

test('progress of a dedupe operator carries the state store customMetrics and numDroppedDuplicateRows', async () => {
  const input = new MemoryStream(StringType(), spark);
  const q = input.toDF().dropDuplicates().writeStream.format('memory').queryName('dd').start();
  input.addData('a', 'a', 'b');
  await q.processAllAvailable();
  input.addData('b', 'c');
  await q.processAllAvailable();
  const json = q.lastProgress!.json();
  const op = (JSON.parse(json) as { stateOperators: { customMetrics: Record<string, number> }[] }).stateOperators[0];
  expect(Object.keys(op.customMetrics)).toEqual(['forceSnapshotCount', 'loadedMapCacheHitCount', 'loadedMapCacheMissCount', 'numDroppedDuplicateRows', 'numSnapshotsAutoRepaired', 'stateOnCurrentVersionSizeBytes']);
  expect(op.customMetrics.numDroppedDuplicateRows).toBe(1);
  expect(q.recentProgress[0].stateOperators[0].customMetrics?.numDroppedDuplicateRows).toBe(1);
  await q.stop();
});

test('the rate-micro-batch source describes itself as Spark does (advanceMsPerBatch)', async () => {
  const q = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 2).option('numPartitions', 1).option('startTimestamp', 0).load()
    .writeStream.format('noop').trigger({ availableNow: true }).start();
  await q.awaitTermination();
  expect(q.lastProgress!.sources[0].description).toBe('RatePerMicroBatchStream[rowsPerBatch=2, numPartitions=1, startTimestamp=0, advanceMsPerBatch=1000]');
});
