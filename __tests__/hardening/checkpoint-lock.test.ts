// Issue 15 findings 6 and 7: the checkpoint lock under races and pid reuse, and shutdown paths
// that must name the file and never escape the user's error handling.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { CheckpointLock } from '../../lib/checkpoint/checkpoint-lock';
import { writeFileAtomic } from '../../lib/checkpoint/checkpoint-file-manager';
import { newSession } from '../support/session';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROOT = path.join(__dirname, '..', '..');

/** Starts `n` processes that all try to take the lock at the same wall-clock instant. */
async function race(n: number): Promise<string[]> {
  // Late enough for every child to have started (tsx start-up), so they really race.
  const at = Date.now() + 4000;
  const script = `
    const { CheckpointLock } = require(${JSON.stringify(path.join(ROOT, 'lib/checkpoint/checkpoint-lock.ts'))});
    while (Date.now() < ${at}) {}
    let result;
    try { CheckpointLock.acquire(${JSON.stringify(dir)}, 'q', 'run-' + process.pid); result = 'won'; } catch (e) { result = /in use by process/.test(e.message) ? 'refused' : 'error ' + e.message; }
    process.stdout.write(result);
    setTimeout(() => {}, 60000); // hold the lock (alive) until the test has every answer`;
  const children = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const answered = new Promise<string>((resolve) => {
      child.stdout.on('data', () => resolve(out));
      child.on('exit', () => resolve(out));
    });
    return { child, answered };
  });
  const results = await Promise.all(children.map((c) => c.answered));
  for (const c of children) c.child.kill('SIGKILL');
  return results;
}

test('processes racing for a stale lock: exactly one wins', async () => {
  for (let trial = 0; trial < 2; trial++) {
    fs.writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: 999_999_999, runId: 'dead' }));
    const results = await race(4);
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'refused')).toHaveLength(3);
    fs.rmSync(path.join(dir, '.lock'), { force: true });
  }
}, 60_000);

test('processes racing for a fresh checkpoint: exactly one wins, the lock never seen empty', async () => {
  for (let trial = 0; trial < 2; trial++) {
    const results = await race(4);
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'refused')).toHaveLength(3);
    fs.rmSync(path.join(dir, '.lock'), { force: true });
  }
  expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}, 60_000);

test('a lock whose pid now belongs to an unrelated live process is taken over', () => {
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    // Same pid, another start time: the owner died and the pid was reused.
    fs.writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: other.pid, runId: 'old', started: '1' }));
    const lock = CheckpointLock.acquire(dir, 'q', 'mine');
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).runId).toBe('mine');
    lock.release();
    expect(fs.existsSync(path.join(dir, '.lock'))).toBe(false);
  } finally {
    other.kill('SIGKILL');
  }
});

test('release leaves a lock another run took over, and never throws', () => {
  const lock = CheckpointLock.acquire(dir, 'q', 'mine');
  fs.writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: process.pid, runId: 'other' }));
  lock.release();
  expect(JSON.parse(fs.readFileSync(path.join(dir, '.lock'), 'utf8')).runId).toBe('other');
  fs.rmSync(path.join(dir, '.lock'));
  fs.mkdirSync(path.join(dir, '.lock')); // what a failing removal looks like (EISDIR)
  expect(() => lock.release()).not.toThrow();
});

test('a checkpoint write that fails names the file and the reason', () => {
  fs.writeFileSync(path.join(dir, 'offsets'), 'a file where a folder should be');
  const file = path.join(dir, 'offsets', '0');
  expect(() => writeFileAtomic(file, 'v1')).toThrow(`Failed to write the checkpoint file ${file}: `);
  expect(fs.readdirSync(dir)).toEqual(['offsets']);
});

test('a failing lock release at stop does not escape awaitTermination', async () => {
  const spark: StreamSession = newSession();
  spark.sparkContext.setLogLevel('OFF');
  const input = new MemoryStream(StringType(), spark);
  const q = input.toDF().writeStream.option('checkpointLocation', dir).foreachBatch(() => {}).start();
  input.addData('a');
  await q.processAllAvailable();
  fs.rmSync(path.join(dir, '.lock'));
  fs.mkdirSync(path.join(dir, '.lock'));
  await q.stop();
  await expect(q.awaitTermination()).resolves.toBeUndefined();
  await spark.stop();
});
