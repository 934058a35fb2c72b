// The crash harness: runs scripts/crash-test/pipeline.ts uninterrupted once (the reference), then
// again on a second output folder while killing it with SIGKILL again and again: at random times,
// and at chosen checkpoint writes (RIVULET_CRASH_AFTER_WRITES, which tears the file being written).
// After the last kill the pipeline runs to the end, and every output must equal the reference:
// nothing lost, nothing duplicated, the same final state.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../seeded-random';

export interface CrashTestOptions {
  kills: number;
  /** Batches each query runs; defaults to enough for the kills to land before the end. */
  batches?: number;
  workDir: string;
  seed?: number;
  /** spark.sql.streaming.stateStore.providerClass for the pipeline: 'hdfs' (default) or 'lmdb'. */
  provider?: string;
  /** 'rate' (default): scripts/crash-test/pipeline.ts; 'files': scripts/crash-test/files-pipeline.ts. */
  pipeline?: 'rate' | 'files';
  log?: (line: string) => void;
}

export interface CrashTestResult {
  kills: number;
  tornWrites: number;
  /** Restarts that found a batch logged in offsets/ but not committed (re-run as logged). */
  rerunBatches: number;
  batches: number;
  comparedFiles: number;
  mismatches: string[];
}

const PIPELINE = path.join(__dirname, 'pipeline.ts');
const FILES_PIPELINE = path.join(__dirname, 'files-pipeline.ts');

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runChild(out: string, batches: number, provider: string, env: Record<string, string>, killAfterMs?: number): Promise<ChildOutcome> {
  return runScript(PIPELINE, ['--out', out, '--batches', String(batches), '--provider', provider], env, killAfterMs);
}

export function runScript(script: string, args: string[], env: Record<string, string>, killAfterMs?: number): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      // Time the kill from when the queries start, not from process start-up.
      if (killAfterMs !== undefined && timer === undefined && d.toString().includes('started')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestResult> {
  if (options.pipeline === 'files') return runFilesCrashTest(options);
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 1);
  const batches = options.batches ?? Math.max(30, options.kills * 8 + 30);
  const reference = path.join(options.workDir, 'reference');
  const crashed = path.join(options.workDir, 'crashed');
  fs.rmSync(options.workDir, { recursive: true, force: true });

  const provider = options.provider ?? 'hdfs';
  const ref = await runChild(reference, batches, provider, {});
  if (ref.code !== 0) throw new Error(`the uninterrupted run failed (exit ${ref.code}): ${ref.stderr}`);
  log(`reference run done: ${batches} batches per query`);

  let kills = 0;
  let tornWrites = 0;
  let rerunBatches = 0;
  let finished = false;
  while (kills < options.kills && !finished) {
    rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
    const tear = random() < 0.5;
    const env: Record<string, string> = tear ? { RIVULET_CRASH_AFTER_WRITES: String(1 + Math.floor(random() * 40)) } : {};
    // A batch's offsets/N is only in place once its state is durable, so a kill at a random moment
    // rarely leaves a batch to re-run; one tear in three lands in a commits/N write to exercise it.
    if (tear && random() < 1 / 3) {
      env.RIVULET_CRASH_AFTER_WRITES = String(1 + Math.floor(random() * 8));
      env.RIVULET_CRASH_WRITES_MATCHING = `${path.sep}commits${path.sep}`;
    }
    const outcome = await runChild(crashed, batches, provider, env, tear ? undefined : Math.floor(random() * 150));
    if (outcome.signal === 'SIGKILL') {
      kills++;
      if (tear) tornWrites++;
      if (kills % 10 === 0) log(`${kills} kills`);
    } else if (outcome.code === 0) {
      finished = true;
    } else {
      throw new Error(`a restarted run failed instead of recovering (exit ${outcome.code}):\n${outcome.stderr}`);
    }
  }
  if (!finished) {
    rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
    const last = await runChild(crashed, batches, provider, {});
    if (last.code !== 0) throw new Error(`the final run failed (exit ${last.code}):\n${last.stderr}`);
  }

  const mismatches: string[] = [];
  let comparedFiles = 0;
  const leftovers = leftoverTempFiles(crashed);
  if (leftovers.length > 0) mismatches.push(`temp files left after the last run: ${leftovers.slice(0, 3).join(' ')}`);
  for (const output of ['wordcount', 'raw', 'join']) {
    for (let id = 0; id < batches; id++) {
      const name = path.join(output, `${id}.json`);
      const expected = readOrUndefined(path.join(reference, name));
      const actual = readOrUndefined(path.join(crashed, name));
      comparedFiles++;
      if (expected === undefined) mismatches.push(`${name}: missing from the uninterrupted run`);
      else if (actual === undefined) mismatches.push(`${name}: lost after crashes`);
      else if (actual !== expected) mismatches.push(`${name}: differs after crashes`);
    }
  }
  // The file sink: rows of the files its log lists for batches < batches, as a sorted multiset.
  const expectedWindows = sinkRows(path.join(reference, 'windows'), batches);
  const actualWindows = sinkRows(path.join(crashed, 'windows'), batches);
  comparedFiles++;
  if (expectedWindows.length === 0) mismatches.push('windows: the uninterrupted run emitted no windows');
  if (actualWindows.join('\n') !== expectedWindows.join('\n')) {
    mismatches.push(`windows: ${actualWindows.length} rows after crashes, ${expectedWindows.length} without (${describeDifference(expectedWindows, actualWindows)})`);
  }
  return { kills, tornWrites, rerunBatches, batches, comparedFiles, mismatches };
}

/**
 * Temp files of interrupted writes (`.<name>...tmp`: checkpoint files, the lock, file sink
 * parts) still present after a run that finished: every start must sweep them (issue 15).
 */
export function leftoverTempFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...leftoverTempFiles(p));
    else if (e.name.startsWith('.') && e.name.endsWith('.tmp')) found.push(p);
  }
  return found;
}

/** Queries whose last logged batch has no commit yet: the next start re-runs it. */
function pendingBatches(checkpoints: string): number {
  if (!fs.existsSync(checkpoints)) return 0;
  let pending = 0;
  for (const q of fs.readdirSync(checkpoints)) {
    const latest = (dir: string) => Math.max(-1, ...(fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^\d+$/.test(n)).map(Number) : []));
    if (latest(path.join(checkpoints, q, 'offsets')) > latest(path.join(checkpoints, q, 'commits'))) pending++;
  }
  return pending;
}

export function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Rows of the data files a file sink's `_spark_metadata` lists for batch ids below `batches`. */
function sinkRows(outputDir: string, batches: number): string[] {
  const logDir = path.join(outputDir, '_spark_metadata');
  if (!fs.existsSync(logDir)) return [];
  const ids = fs
    .readdirSync(logDir)
    .map((n) => /^(\d+)(\.compact)?$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) < batches)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  let start = 0;
  ids.forEach((m, i) => {
    if (m[2]) start = i;
  });
  const rows: string[] = [];
  for (const m of ids.slice(start)) {
    const lines = fs.readFileSync(path.join(logDir, m[0]), 'utf8').split('\n').slice(1).filter((l) => l !== '');
    for (const line of lines) {
      const entry = JSON.parse(line) as { path: string; action: string };
      if (entry.action !== 'add') continue;
      const file = entry.path.replace(/^file:\/\//, '');
      rows.push(...fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== ''));
    }
  }
  return rows.sort();
}

function describeDifference(expected: string[], actual: string[]): string {
  const missing = expected.filter((r) => !actual.includes(r));
  const extra = actual.filter((r) => !expected.includes(r));
  const dupes = actual.filter((r, i) => actual.indexOf(r) !== i);
  return `missing ${missing.slice(0, 3).join(' ')}; extra ${extra.slice(0, 3).join(' ')}; duplicated ${dupes.slice(0, 3).join(' ')}`;
}

/**
 * The file-source pipeline's input: `left/` and `right/`, files with increasing mtimes; files
 * `from` to `files - 1` (a later call adds the files that arrive after a first run).
 */
export function writeFilesInput(dir: string, files: number, rowsPerFile: number, from = 0): void {
  const base = Date.UTC(2026, 0, 1);
  for (const sideName of ['left', 'right']) fs.mkdirSync(path.join(dir, sideName), { recursive: true });
  for (let f = from; f < files; f++) {
    const left: string[] = [];
    const right: string[] = [];
    for (let j = 0; j < rowsPerFile; j++) {
      const id = f * rowsPerFile + j;
      const ts = base + id * 1000;
      const key = `k${id % 4}`;
      left.push(JSON.stringify({ id, key, ts: new Date(ts).toISOString() }));
      // A duplicate of a row of the previous file, for dropDuplicates.
      if (f > 0 && j % 5 === 0) left.push(JSON.stringify({ id: id - rowsPerFile, key: `k${(id - rowsPerFile) % 4}`, ts: new Date(ts - rowsPerFile * 1000).toISOString() }));
      right.push(JSON.stringify({ rid: id, rkey: key, rts: new Date(ts + (id % 7) * 1000).toISOString() }));
    }
    const mtime = new Date(base + f * 1000);
    for (const [sideName, lines] of [['left', left], ['right', right]] as const) {
      const file = path.join(dir, sideName, `part-${String(f).padStart(4, '0')}.json`);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      fs.utimesSync(file, mtime, mtime);
    }
  }
}

/** Rows of a sink folder as its `_spark_metadata` lists them, each a JSON line, sorted. */
export async function sinkFolderRows(folder: string, format: 'parquet' | 'json'): Promise<string[]> {
  if (!fs.existsSync(folder)) return [];
  const { StreamSession } = await import('rivulet');
  const spark = new StreamSession({ 'spark.sql.session.timeZone': 'UTC' });
  try {
    const df = format === 'parquet' ? spark.read.parquet(folder) : spark.read.schema('id INT, key STRING, ts STRING, rid INT, rts STRING').json(folder);
    return df
      .collect()
      .map((r) => JSON.stringify(r.asDict(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
  } finally {
    spark.stop();
  }
}

async function runFilesCrashTest(options: CrashTestOptions): Promise<CrashTestResult> {
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed ?? 1);
  const provider = options.provider ?? 'hdfs';
  fs.rmSync(options.workDir, { recursive: true, force: true });
  const input = path.join(options.workDir, 'input');
  const files = options.batches ?? 12;
  writeFilesInput(input, files, 20);
  const reference = path.join(options.workDir, 'reference');
  const crashed = path.join(options.workDir, 'crashed');
  const run = (out: string, env: Record<string, string>, killAfterMs?: number) => runScript(FILES_PIPELINE, ['--out', out, '--in', input, '--provider', provider], env, killAfterMs);
  const t0 = Date.now();
  const ref = await run(reference, {});
  if (ref.code !== 0) throw new Error(`the uninterrupted run failed (exit ${ref.code}): ${ref.stderr}`);
  const refMs = Date.now() - t0;
  log(`reference run done: ${files} files per side, ${refMs} ms`);

  const mismatches: string[] = [];
  let comparedFiles = 0;
  let episodes = 0;
  // One episode: kills until a run finishes (or the kills run out, then a last run); then compare
  // and start the next episode from nothing.
  const compare = async () => {
    episodes++;
    const tag = `episode ${episodes}: `;
    const leftovers = leftoverTempFiles(crashed);
    if (leftovers.length > 0) mismatches.push(`${tag}temp files left after the last run: ${leftovers.slice(0, 3).join(' ')}`);
    const refBatches = fs.readdirSync(path.join(reference, 'boundaries')).sort();
    const crashedBatches = fs.existsSync(path.join(crashed, 'boundaries')) ? fs.readdirSync(path.join(crashed, 'boundaries')).filter((n) => !n.includes('.tmp-')).sort() : [];
    if (crashedBatches.join() !== refBatches.join()) mismatches.push(`${tag}boundaries: batches ${crashedBatches.length} after crashes, ${refBatches.length} without`);
    for (const name of refBatches) {
      comparedFiles++;
      const actual = readOrUndefined(path.join(crashed, 'boundaries', name));
      if (actual === undefined) mismatches.push(`${tag}boundaries/${name}: lost after crashes`);
      else if (actual !== readOrUndefined(path.join(reference, 'boundaries', name))) mismatches.push(`${tag}boundaries/${name}: differs after crashes (batch boundaries moved)`);
    }
    for (const [name, format] of [['windows', 'parquet'], ['dedup', 'parquet'], ['join', 'json']] as const) {
      comparedFiles++;
      const expected = await sinkFolderRows(path.join(reference, name), format);
      const actual = await sinkFolderRows(path.join(crashed, name), format);
      if (expected.length === 0) mismatches.push(`${tag}${name}: the uninterrupted run wrote nothing`);
      if (actual.join('\n') !== expected.join('\n')) mismatches.push(`${tag}${name}: ${actual.length} rows after crashes, ${expected.length} without (${describeDifference(expected, actual)})`);
    }
    fs.rmSync(crashed, { recursive: true, force: true });
  };
  let kills = 0;
  let tornWrites = 0;
  let rerunBatches = 0;
  let killedThisEpisode = false;
  while (kills < options.kills) {
    rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
    const tear = random() < 0.5;
    // Small write counts land in the first start (metadata, state schemas, the first logs).
    const env: Record<string, string> = tear ? { RIVULET_CRASH_AFTER_WRITES: String(1 + Math.floor(random() * 60)) } : {};
    const outcome = await run(crashed, env, tear ? undefined : Math.floor(random() * refMs * 0.6));
    if (outcome.signal === 'SIGKILL') {
      kills++;
      killedThisEpisode = true;
      if (tear) tornWrites++;
      if (kills % 10 === 0) log(`${kills} kills`);
    } else if (outcome.code === 0) {
      if (killedThisEpisode) await compare();
      else fs.rmSync(crashed, { recursive: true, force: true });
      killedThisEpisode = false;
    } else {
      throw new Error(`a restarted run failed instead of recovering (exit ${outcome.code}):\n${outcome.stderr}`);
    }
  }
  if (killedThisEpisode) {
    rerunBatches += pendingBatches(path.join(crashed, 'checkpoints'));
    const last = await run(crashed, {});
    if (last.code !== 0) throw new Error(`the final run failed (exit ${last.code}):\n${last.stderr}`);
    await compare();
  }
  log(`${episodes} episodes compared`);
  return { kills, tornWrites, rerunBatches, batches: fs.readdirSync(path.join(reference, 'boundaries')).length, comparedFiles, mismatches };
}
