// The damage matrix (issue 15): every kind of checkpoint file of the file-source pipeline
// (scripts/crash-test/files-pipeline.ts: foreachBatch, windowed aggregation and dropDuplicates
// into Parquet, a stream-stream full outer join into JSON) is deleted, truncated, zeroed or
// overwritten with garbage between two runs, and the second run is judged query by query:
//   recovered   it finished and its output equals an uninterrupted run of the same input
//   refused     it failed with an error that names the damaged file
// Anything else is a finding: a silent difference, a refusal that does not name the file, a
// failure of a query whose files were not touched, or a native crash (a signal).
//
// The first run reads half of the input and stops (availableNow); its folder is kept pristine
// and copied back to the same path for every case (file sink logs hold absolute paths), the
// damage is done, the rest of the input arrives, and the pipeline runs again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from '../seeded-random';
import { readOrUndefined, runScript, sinkFolderRows, writeFilesInput, type ChildOutcome } from './harness';
import { startKafkaBroker, type BrokerUnderTest } from '../../__tests__/support/kafka-broker-under-test';
import { appendKafkaInput, joinRows, topicValues } from './kafka-harness';

const FILES_PIPELINE = path.join(__dirname, 'files-pipeline.ts');
const KAFKA_PIPELINE = path.join(__dirname, 'kafka-pipeline.ts');
type QueryName = string;

/**
 * What the matrix needs of a pipeline: its queries, its input in two halves, a run (writing to
 * the Kafka topic named by `tag` where it has a Kafka sink) and each query's output.
 */
interface PipelineDriver {
  queries: readonly QueryName[];
  writeFirstHalf(dir: string): Promise<void>;
  /** The rest of the input; called once per folder (and for a shared topic, once). */
  writeRest(dir: string): Promise<void>;
  run(dir: string, tag: string, env?: Record<string, string>): Promise<ChildOutcome>;
  output(dir: string, query: QueryName, tag: string): Promise<string>;
  close(): Promise<void>;
}

function boundariesOutput(out: string): string {
  const dir = path.join(out, 'boundaries');
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .filter((n) => !n.includes('.tmp-'))
    .sort()
    .map((n) => `${n}:\n${readOrUndefined(path.join(dir, n)) ?? ''}`)
    .join('\n');
}

function filesDriver(provider: string, files: number): PipelineDriver {
  const half = files >> 1;
  return {
    queries: ['boundaries', 'windows', 'dedup', 'join'],
    writeFirstHalf: async (dir) => writeFilesInput(path.join(dir, 'input'), half, 20),
    writeRest: async (dir) => writeFilesInput(path.join(dir, 'input'), files, 20, half),
    run: (dir, _tag, env) => runScript(FILES_PIPELINE, ['--out', path.join(dir, 'out'), '--in', path.join(dir, 'input'), '--provider', provider], env ?? {}),
    output: async (dir, query) => {
      const out = path.join(dir, 'out');
      if (query === 'boundaries') return boundariesOutput(out);
      return (await sinkFolderRows(path.join(out, query), query === 'join' ? 'json' : 'parquet')).join('\n');
    },
    close: async () => {},
  };
}

async function kafkaDriver(provider: string, records: number): Promise<PipelineDriver> {
  const broker: BrokerUnderTest = await startKafkaBroker();
  const inTopic = `damage-${process.pid}-${Date.now()}-in`;
  await broker.createTopic(inTopic, 2);
  const half = records >> 1;
  let firstWritten = false;
  let restWritten = false;
  const topics = new Set<string>();
  const outTopic = async (tag: string) => {
    const name = `${inTopic.slice(0, -3)}-${tag}`;
    if (!topics.has(name)) {
      await broker.createTopic(name, 1);
      topics.add(name);
    }
    return name;
  };
  return {
    queries: ['boundaries', 'windows', 'tokafka', 'tokafka-eos', 'join'],
    writeFirstHalf: async () => {
      if (!firstWritten) await appendKafkaInput(broker, inTopic, 0, half);
      firstWritten = true;
    },
    // One shared input topic: the second half arrives once, after both first runs.
    writeRest: async () => {
      if (!restWritten) await appendKafkaInput(broker, inTopic, half, records);
      restWritten = true;
    },
    run: async (dir, tag, env) =>
      runScript(KAFKA_PIPELINE, ['--out', path.join(dir, 'out'), '--bootstrap', broker.bootstrapServers, '--in-topic', inTopic, '--out-topic', await outTopic(tag), '--eos-topic', await outTopic(`${tag}-eos`), '--provider', provider], env ?? {}),
    output: async (dir, query, tag) => {
      const out = path.join(dir, 'out');
      if (query === 'boundaries') return boundariesOutput(out);
      if (query === 'windows') return (await sinkFolderRows(path.join(out, 'windows'), 'parquet')).join('\n');
      if (query === 'join') return (await joinRows(path.join(out, 'join'))).join('\n');
      // The transactional sink's topic as a read_committed reader sees it.
      if (query === 'tokafka-eos') return (await topicValues(broker.bootstrapServers, await outTopic(`${tag}-eos`), 'read_committed')).join('\n');
      return (await topicValues(broker.bootstrapServers, await outTopic(tag))).join('\n');
    },
    close: () => broker.stop(),
  };
}

/** `none`: the control case of a killed first run (see killAfterWrites). */
export type Damage = 'delete' | 'truncate' | 'zero' | 'garbage' | 'none';
export const DAMAGES: readonly Damage[] = ['delete', 'truncate', 'zero', 'garbage'];

export type Outcome = 'recovered' | 'refused' | 'silent difference' | 'refusal without the file name' | 'unrelated failure' | 'native crash';

export interface DamageCase {
  kind: string;
  position: 'first' | 'latest' | 'only';
  damage: Damage;
  /** Per damaged query: the file, the outcome and (for failures) the first line of the error. */
  results: { query: QueryName; file: string; outcome: Outcome; detail: string }[];
}

export interface DamageMatrixOptions {
  workDir: string;
  provider?: string;
  /** 'files' (default): scripts/crash-test/files-pipeline.ts; 'kafka': kafka-pipeline.ts on the test broker. */
  pipeline?: 'files' | 'kafka';
  /** Files per side (Kafka: records / 20); the first run reads half of them. */
  files?: number;
  damages?: readonly Damage[];
  /** Only kinds whose name is listed (all kinds found when absent). */
  kinds?: readonly string[];
  /** Only the latest file of each kind (halves the runs). */
  latestOnly?: boolean;
  seed?: number;
  /**
   * Kill the first run (the one damaged afterwards) with SIGKILL in the middle of its n-th
   * checkpoint write, so damage meets a batch to re-run and a torn temp file; an undamaged
   * control case must then recover exactly.
   */
  killAfterWrites?: number;
  log?: (line: string) => void;
}

export interface DamageMatrixResult {
  cases: DamageCase[];
  /** Cases whose outcome is a finding (anything but recovered or refused). */
  findings: string[];
  runs: number;
}

/** What a checkpoint or sink-log file is, from its path under the pipeline's output folder. */
export function fileKind(relative: string): { query: QueryName; kind: string; order: number } | undefined {
  const parts = relative.split(path.sep);
  const name = parts[parts.length - 1];
  if (name.startsWith('.') && name.endsWith('.tmp')) return undefined;
  const num = (s: string) => Number(/^(\d+)/.exec(s)?.[1] ?? '0');
  if (parts[0] === 'checkpoints') {
    const query = parts[1] as QueryName;
    const rest = parts.slice(2).join('/');
    if (rest === 'metadata') return { query, kind: 'metadata', order: 0 };
    if (rest === '.lock') return { query, kind: '.lock', order: 0 };
    if (/^offsets\/\d+$/.test(rest)) return { query, kind: 'offsets/N', order: num(name) };
    if (/^commits\/\d+$/.test(rest)) return { query, kind: 'commits/N', order: num(name) };
    if (rest === 'sources/_identity') return { query, kind: 'sources/_identity', order: 0 };
    if (/^sources\/\d+\/\d+\.compact$/.test(rest)) return { query, kind: 'sources/i/N.compact', order: num(name) };
    if (/^sources\/\d+\/\d+$/.test(rest)) return { query, kind: 'sources/i/N', order: num(name) };
    if (/^state\/\d+\/\d+\.delta$/.test(rest)) return { query, kind: 'state/op/V.delta', order: num(name) };
    if (/^state\/\d+\/_metadata\/schema$/.test(rest)) return { query, kind: 'state/op/_metadata/schema', order: 0 };
    if (/^state\/\d+\/lmdb\/data\.mdb$/.test(rest)) return { query, kind: 'state/op/lmdb/data.mdb', order: 0 };
    if (/^state\/\d+\/lmdb\/lock\.mdb$/.test(rest)) return { query, kind: 'state/op/lmdb/lock.mdb', order: 0 };
    if (/^sinks\/kafka\/\d+$/.test(rest)) return { query, kind: 'sinks/kafka/N', order: num(name) };
    if (rest === 'sinks/kafka/transactional-id') return { query, kind: 'sinks/kafka/transactional-id', order: 0 };
    return { query, kind: `other: ${rest.replace(/\d+/g, 'N')}`, order: 0 };
  }
  if (parts[1] === '_spark_metadata') return { query: parts[0] as QueryName, kind: /\.compact$/.test(name) ? '_spark_metadata/N.compact' : '_spark_metadata/N', order: num(name) };
  return undefined;
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(path.relative(base, p));
  }
  return out;
}

function damageFile(file: string, damage: Damage, random: () => number): void {
  if (damage === 'none') return;
  if (damage === 'delete') {
    fs.rmSync(file, { force: true });
    return;
  }
  const size = fs.statSync(file).size;
  if (damage === 'truncate') {
    fs.truncateSync(file, size >> 1);
    return;
  }
  const bytes = Buffer.alloc(size);
  if (damage === 'garbage') for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  fs.writeFileSync(file, bytes);
}

function copyDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
}

export async function runDamageMatrix(options: DamageMatrixOptions): Promise<DamageMatrixResult> {
  const log = options.log ?? (() => {});
  const provider = options.provider ?? 'hdfs';
  const files = options.files ?? 8;
  const random = mulberry32(options.seed ?? 1);
  fs.rmSync(options.workDir, { recursive: true, force: true });
  const driver = options.pipeline === 'kafka' ? await kafkaDriver(provider, files * 20) : filesDriver(provider, files);
  try {
    return await runMatrix(driver, options, random, log);
  } finally {
    await driver.close();
  }
}

async function runMatrix(driver: PipelineDriver, options: DamageMatrixOptions, random: () => number, log: (line: string) => void): Promise<DamageMatrixResult> {
  const QUERIES = driver.queries;
  let runs = 0;
  const reference = path.join(options.workDir, 'reference');
  const work = path.join(options.workDir, 'case');
  const pristine = path.join(options.workDir, 'pristine');
  // Both first runs read the first half; then the rest arrives and the reference runs again.
  // With killAfterWrites the whole input is there from the start: the reference is one
  // uninterrupted run, and the first run is killed (two phases would move the watermarks a
  // killed run sees, so they would not be comparable).
  const killed = options.killAfterWrites !== undefined;
  for (const dir of [reference, work]) {
    await driver.writeFirstHalf(dir);
    if (killed) await driver.writeRest(dir);
    const kill = dir === work && killed;
    const r = await driver.run(dir, dir === reference ? 'reference-1' : 'first', kill ? { RIVULET_CRASH_AFTER_WRITES: String(options.killAfterWrites) } : {});
    runs++;
    if (r.code !== 0 && !(kill && r.signal === 'SIGKILL')) throw new Error(`the first run failed (exit ${r.code}): ${r.stderr}`);
  }
  copyDir(work, pristine);
  if (!killed) {
    await driver.writeRest(reference);
    const second = await driver.run(reference, 'reference-2');
    runs++;
    if (second.code !== 0) throw new Error(`the undamaged second run failed (exit ${second.code}): ${second.stderr}`);
  }
  const expected = new Map<QueryName, string>();
  for (const q of QUERIES) {
    expected.set(q, await driver.output(reference, q, killed ? 'reference-1' : 'reference-2'));
    if (expected.get(q) === '') throw new Error(`the undamaged run of ${q} wrote nothing`);
  }

  // Targets: per kind and query, the first and the latest file.
  const targets = new Map<string, Map<QueryName, { first: string; latest: string }>>();
  for (const rel of listFiles(path.join(pristine, 'out'))) {
    const k = fileKind(rel);
    if (!k) continue;
    if (options.kinds && !options.kinds.includes(k.kind)) continue;
    const byQuery = targets.get(k.kind) ?? new Map<QueryName, { first: string; latest: string; firstOrder?: number; latestOrder?: number }>();
    targets.set(k.kind, byQuery);
    const t = byQuery.get(k.query) as { first: string; latest: string; firstOrder: number; latestOrder: number } | undefined;
    if (!t) byQuery.set(k.query, { first: rel, latest: rel, firstOrder: k.order, latestOrder: k.order } as never);
    else {
      if (k.order < t.firstOrder) Object.assign(t, { first: rel, firstOrder: k.order });
      if (k.order > t.latestOrder) Object.assign(t, { latest: rel, latestOrder: k.order });
    }
  }

  const cases: DamageCase[] = [];
  const findings: string[] = [];
  if (options.killAfterWrites !== undefined) targets.set('(control: no damage)', new Map());
  for (const [kind, byQuery] of [...targets].sort((a, b) => a[0].localeCompare(b[0]))) {
    const distinct = [...byQuery.values()].some((t) => t.first !== t.latest);
    const positions: DamageCase['position'][] = !distinct ? ['only'] : options.latestOnly ? ['latest'] : ['first', 'latest'];
    for (const position of positions) {
      for (const damage of byQuery.size === 0 ? (['none'] as const) : options.damages ?? DAMAGES) {
        copyDir(pristine, work);
        const damaged = new Map<QueryName, string>();
        for (const [q, t] of byQuery) {
          const rel = position === 'first' ? t.first : t.latest;
          const file = path.join(work, 'out', rel);
          damageFile(file, damage, random);
          damaged.set(q, file);
        }
        await driver.writeRest(work);
        const tag = `case-${cases.length}`;
        const outcome = await driver.run(work, tag);
        runs++;
        const failures = new Map<string, string>();
        for (const m of outcome.stderr.matchAll(/^query ([\w-]+) failed: ([^\n]*)/gm)) failures.set(m[1], m[2]);
        const c: DamageCase = { kind, position, damage, results: [] };
        for (const q of QUERIES) {
          const file = damaged.get(q);
          const failure = failures.get(q);
          let result: Outcome;
          let detail = '';
          if (outcome.signal !== null) {
            result = 'native crash';
            detail = `${outcome.signal}: ${outcome.stderr.slice(-300)}`;
          } else if (failure !== undefined) {
            detail = failure;
            if (file === undefined) result = 'unrelated failure';
            else result = outcome.stderr.includes(file) ? 'refused' : 'refusal without the file name';
          } else if (outcome.code !== 0 && failures.size === 0) {
            result = 'unrelated failure';
            detail = outcome.stderr.slice(-300);
          } else {
            let actual: string;
            try {
              actual = await driver.output(work, q, tag);
            } catch (e) {
              actual = `unreadable: ${(e as Error).message}`;
            }
            if (actual === expected.get(q)) result = 'recovered';
            else if (file !== undefined && actual.startsWith('unreadable: ') && actual.includes(file)) {
              // The query went on, but readers of its output refuse it naming the file.
              result = 'refused';
              detail = `by readers: ${actual}`;
            } else {
              result = 'silent difference';
              detail = actual.startsWith('unreadable: ') ? actual : `${actual.split('\n').length} lines, ${expected.get(q)!.split('\n').length} expected`;
            }
          }
          if (file === undefined && result === 'recovered') continue;
          c.results.push({ query: q, file: file === undefined ? '' : path.relative(work, file), outcome: result, detail });
          if (result !== 'recovered' && result !== 'refused') findings.push(`${damage} ${position} ${kind} of ${q} (${file === undefined ? 'untouched' : path.relative(work, file)}): ${result}${detail ? `: ${detail.slice(0, 300)}` : ''}`);
        }
        cases.push(c);
        log(`${damage} ${position} ${kind}: ${c.results.map((r) => `${r.query} ${r.outcome}`).join(', ')}`);
      }
    }
  }
  return { cases, findings, runs };
}
