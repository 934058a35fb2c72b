// A paired scenario: a PySpark program (spark.py), its line-for-line Rivulet port (rivulet.ts), its
// input files, scenario.json, and Spark's recorded output (spark-output.txt). Both sides' outputs
// are transcripts: stdout (console sink bytes, show(), print) plus the @@ lines of oracle-support
// and a final @@error line when the program fails.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCENARIOS_ROOT = path.resolve(__dirname, '..', 'scenarios');

/** A place where Rivulet knowingly differs from Spark, documented in docs/guides/differences-from-spark.md. */
export interface DeclaredDifference {
  /** Exact text in Spark's transcript (may span lines with \n). */
  spark: string;
  /** What Rivulet prints in its place. */
  rivulet: string;
  why: string;
}

export interface ScenarioSpec {
  description: string;
  /** Where the program or its scenario comes from (Spark's example, guide, test suite). */
  source?: string;
  /** Kafka topics to create and fill before the program runs: topic -> records file (JSON lines of {key?, value}). */
  kafka?: { topics: Record<string, string> };
  differences?: DeclaredDifference[];
  /** A feature that does not exist yet: the scenario must still differ; names the issue it waits on. */
  failing?: { issue: number; why: string };
}

export interface Scenario {
  id: string;
  dir: string;
  spec: ScenarioSpec;
  recordingPath: string;
}

export function loadScenarios(filter?: string): Scenario[] {
  const found: Scenario[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.some((e) => e.name === 'scenario.json')) {
      const id = path.relative(SCENARIOS_ROOT, dir).split(path.sep).join('/');
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8')) as ScenarioSpec;
      found.push({ id, dir, spec, recordingPath: path.join(dir, 'spark-output.txt') });
      return;
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(SCENARIOS_ROOT);
  if (!filter) return found;
  // Several filters may be given separated by commas: a scenario matching any of them is taken.
  const parts = filter.split(',').filter((f) => f !== '');
  return found.filter((s) => parts.some((f) => s.id.includes(f)));
}

/**
 * Copies the scenario's input/ into a fresh folder, giving files modification times in path order
 * (one second apart): file sources take files oldest first, and a checkout's times say nothing.
 */
export function prepareWorkDir(scenario: Scenario, workDir: string): void {
  const input = path.join(scenario.dir, 'input');
  if (!fs.existsSync(input)) return;
  fs.cpSync(input, workDir, { recursive: true });
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(workDir);
  files.sort();
  const base = Date.UTC(2024, 0, 1) / 1000;
  files.forEach((f, i) => fs.utimesSync(f, base + i, base + i));
}

/** Replaces the run's own folder (in any of the forms Spark prints paths) by <dir>. */
export function normalizeTranscript(text: string, workDir: string): string {
  const real = fs.existsSync(workDir) ? fs.realpathSync(workDir) : workDir;
  let out = text;
  for (const dir of new Set([workDir, real])) {
    out = out.split(`file://${dir}`).join('<dir>').split(`file:${dir}`).join('<dir>').split(dir).join('<dir>');
  }
  // DStream scenarios run on a manual clock (oracle_support.manual_clock_streaming_context), so the
  // "Time: ..." headers of pprint are exact and compared as they are.
  return out.replace(/\r\n/g, '\n');
}

/** Spark's transcript with the scenario's declared differences applied: what Rivulet must print. */
export function expectedRivuletTranscript(scenario: Scenario, sparkTranscript: string): { text: string; unused: DeclaredDifference[] } {
  let text = sparkTranscript;
  const unused: DeclaredDifference[] = [];
  for (const d of scenario.spec.differences ?? []) {
    if (!text.includes(d.spark)) unused.push(d);
    text = text.split(d.spark).join(d.rivulet);
  }
  return { text, unused };
}

export function readRecording(scenario: Scenario): string | undefined {
  return fs.existsSync(scenario.recordingPath) ? fs.readFileSync(scenario.recordingPath, 'utf8') : undefined;
}

/** A unified-style list of the first differing lines, for failure messages. */
export function describeMismatch(expected: string, actual: string, context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - context);
  const lines = [`first difference at line ${i + 1}:`];
  for (let k = from; k < i; k++) lines.push(`  ${a[k]}`);
  for (let k = i; k < Math.min(a.length, i + 6); k++) lines.push(`- ${a[k]}`);
  for (let k = i; k < Math.min(b.length, i + 6); k++) lines.push(`+ ${b[k]}`);
  return lines.join('\n');
}
