// Issue 15 finding 5: a truncated, zeroed or overwritten lmdb data.mdb is refused by name, in a
// child process that must exit with the message rather than die of SIGBUS/SIGSEGV.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-lmdb-damage-'));
  // Two runs: the second reopens the environment and commits on it.
  for (let i = 0; i < 2; i++) expect(runChild(path.join(dir, 'healthy')).status).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a word count over 3000 distinct keys on lmdb state in a child process. */
function runChild(checkpoint: string) {
  const script = `
    const { StreamSession } = require('rivulet');
    const spark = StreamSession.builder().config('spark.sql.streaming.stateStore.providerClass', 'lmdb').config('spark.sql.shuffle.partitions', '2').getOrCreate();
    spark.sparkContext.setLogLevel('OFF');
    const q = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 3000).option('startTimestamp', 0).load()
      .groupBy('value').count().writeStream.outputMode('update').option('checkpointLocation', ${JSON.stringify(checkpoint)})
      .foreachBatch(() => {}).trigger({ once: true }).start();
    q.awaitTermination().then(() => process.exit(0), (e) => { process.stderr.write(e.message); process.exit(3); });`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
}

test.each([
  ['truncated to half', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 8192) * 4096)],
  ['truncated to 100 bytes', (f: string) => fs.truncateSync(f, 100)],
  ['zeroed', (f: string) => fs.writeFileSync(f, Buffer.alloc(fs.statSync(f).size))],
  ['overwritten with garbage', (f: string) => fs.writeFileSync(f, Buffer.from(Array.from({ length: fs.statSync(f).size }, (_, i) => (i * 7919) & 0xff)))],
])('a data.mdb %s is refused by name, not a native crash', (_name, damage) => {
  const checkpoint = path.join(dir, _name.replace(/ /g, '-'));
  fs.cpSync(path.join(dir, 'healthy'), checkpoint, { recursive: true });
  const file = path.join(checkpoint, 'state', '0', 'lmdb', 'data.mdb');
  damage(file);
  const r = runChild(checkpoint);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(3);
  expect(r.stderr).toContain(`The lmdb state file ${file} is damaged`);
}, 120_000);

test('a deleted data.mdb is refused by name, not started afresh or blamed on the offsets log', () => {
  const checkpoint = path.join(dir, 'deleted');
  fs.cpSync(path.join(dir, 'healthy'), checkpoint, { recursive: true });
  const file = path.join(checkpoint, 'state', '0', 'lmdb', 'data.mdb');
  fs.rmSync(file);
  const r = runChild(checkpoint);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(3);
  expect(r.stderr).toContain(`The checkpoint file ${file} is missing: the checkpoint needs version 2 of the state of operator 0`);
}, 120_000);
