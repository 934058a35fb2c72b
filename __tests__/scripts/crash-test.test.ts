// The bounded crash run CI does (`npm run crash-test -- --kills 500` is the long one): a stateful
// pipeline is killed with SIGKILL (12 + 6 on lmdb + 5 on the file pipeline; CI must stay under 2 minutes), at random moments and in the middle of
// checkpoint writes, and its outputs must equal an uninterrupted run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCrashTest } from '../../scripts/crash-test/harness';

test('12 kills: word count state, foreachBatch output and the windowed file sink equal an uninterrupted run', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-crash-'));
  try {
    const result = await runCrashTest({ kills: 12, workDir, seed: 7 });
    expect(result.kills).toBe(12);
    expect(result.tornWrites).toBeGreaterThan(0);
    expect(result.rerunBatches).toBeGreaterThan(0);
    expect(result.mismatches).toEqual([]);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}, 300_000);

test('6 kills with the lmdb state store: the same outputs as an uninterrupted run', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-crash-lmdb-'));
  try {
    const result = await runCrashTest({ kills: 6, workDir, seed: 3, provider: 'lmdb' });
    expect(result.kills).toBe(6);
    expect(result.mismatches).toEqual([]);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}, 300_000);

test('file-source pipeline, 5 kills incl. first starts: batch boundaries, Parquet windows and dedup, outer join equal an uninterrupted run', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-crash-files-'));
  try {
    const result = await runCrashTest({ kills: 5, workDir, seed: 11, pipeline: 'files', batches: 6 });
    expect(result.kills).toBe(5);
    expect(result.mismatches).toEqual([]);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}, 300_000);
