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

test('damage matrix (bounded): a deleted operator schema and a garbage file source log are refused naming the file, never silently different', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-damage-'));
  try {
    const { runDamageMatrix } = await import('../../scripts/crash-test/damage-matrix');
    const result = await runDamageMatrix({ workDir, files: 4, latestOnly: true, kinds: ['state/op/_metadata/schema', 'sources/i/N'], damages: ['delete', 'garbage'] });
    expect(result.findings).toEqual([]);
    const judged = result.cases.flatMap((c) => c.results.map((r) => `${c.damage} ${c.kind} ${r.query}: ${r.outcome}`));
    expect(judged).toContain('delete state/op/_metadata/schema join: refused');
    expect(judged).toContain('garbage sources/i/N boundaries: refused');
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}, 300_000);

test('Kafka pipeline on the test broker, 3 kills: boundaries, the windowed Parquet sink and the Kafka sinks equal an uninterrupted run (the transactional one each record once for read_committed)', async () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-crash-kafka-'));
  try {
    const { runKafkaCrashTest } = await import('../../scripts/crash-test/kafka-harness');
    const result = await runKafkaCrashTest({ kills: 3, workDir, seed: 5, batches: 60 });
    expect(result.kills).toBe(3);
    expect(result.episodes).toBeGreaterThan(0);
    expect(result.mismatches).toEqual([]);
    expect(result.transactionalRecords).toBeGreaterThan(0);
    expect(result.transactionalDuplicates).toBe(0);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}, 300_000);
