// commits/N is renamed into place without an fsync (one wait for the disk per batch): a power
// failure can leave the newest one empty or zeroed. Such a commits/N counts as absent, so the
// batch re-runs from its offsets/N and state version N, with the same rows and batch id; any other
// damage to it is still refused by name. The durable files of a batch are in place after it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession, StreamingQuery } from 'rivulet';
import { newSession } from '../support/session';

let dir: string;
let spark: StreamSession;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-unsynced-commit-'));
  spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  spark.sparkContext.setLogLevel('OFF');
  fs.mkdirSync(path.join(dir, 'in'));
  for (let f = 0; f < 2; f++) fs.writeFileSync(path.join(dir, 'in', `${f}.json`), [0, 1, 2].map((i) => JSON.stringify({ k: `k${i}`, v: f * 10 + i })).join('\n') + '\n');
});
afterEach(async () => {
  await spark.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cp = () => path.join(dir, 'cp');

function counts(seen: [number, string[]][]): StreamingQuery {
  return spark.readStream
    .schema('k STRING, v INT')
    .option('maxFilesPerTrigger', 1)
    .json(path.join(dir, 'in'))
    .groupBy('k')
    .count()
    .writeStream.outputMode('complete')
    .option('checkpointLocation', cp())
    .trigger({ availableNow: true })
    .foreachBatch((df, batchId) => {
      seen.push([batchId, df.collect().map((r) => `${String(r.k)}=${String(r.count)}`).sort()]);
    })
    .start();
}

test('after a batch: offsets/N, commits/N and the state file are in place, no temp file is left', async () => {
  await counts([]).awaitTermination();
  expect(fs.readdirSync(path.join(cp(), 'offsets')).sort()).toEqual(['0', '1']);
  expect(fs.readdirSync(path.join(cp(), 'commits')).sort()).toEqual(['0', '1']);
  expect(fs.readdirSync(path.join(cp(), 'state', '0')).filter((n) => n.endsWith('.delta')).sort()).toEqual(['1.delta', '2.delta']);
  const temps: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.tmp')) temps.push(e.name);
    }
  };
  walk(cp());
  expect(temps).toEqual([]);
});

test.each([
  ['empty', Buffer.alloc(0)],
  ['zeroed', Buffer.alloc(40)],
])('an %s newest commits/N (a power failure before its data reached the disk) re-runs batch N with the same rows', async (_name, content) => {
  const first: [number, string[]][] = [];
  await counts(first).awaitTermination();
  fs.writeFileSync(path.join(cp(), 'commits', '1'), content);
  const again: [number, string[]][] = [];
  await counts(again).awaitTermination();
  expect(again).toEqual([first[1]]);
  expect(fs.readFileSync(path.join(cp(), 'commits', '1'), 'utf8')).toMatch(/^v1\n\{"nextBatchWatermarkMs":0\}/);
});

test('a newest commits/N with other damage is still refused by name', async () => {
  await counts([]).awaitTermination();
  const file = path.join(cp(), 'commits', '1');
  fs.writeFileSync(file, 'garbage');
  const seen: [number, string[]][] = [];
  await expect(counts(seen).awaitTermination()).rejects.toThrow(`The checkpoint file ${file} is damaged`);
  expect(seen).toEqual([]);
});
