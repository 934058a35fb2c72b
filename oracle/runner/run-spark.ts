// Runs the PySpark side of scenarios in one Python process and one JVM (scripts/spark/setup.sh
// installs them), and splits its stdout into one transcript per scenario.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeTranscript, type Scenario } from './scenario';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = path.join(PROJECT_ROOT, '.venv-spark', 'bin', 'python');

export async function runSparkScenarios(scenarios: Scenario[], kafka: string | null): Promise<Map<string, string>> {
  if (!fs.existsSync(PYTHON)) throw new Error('PySpark is not installed: run scripts/spark/setup.sh');
  const script = path.join(PROJECT_ROOT, 'oracle', 'runner', 'spark_runner.py');
  const child = spawn(PYTHON, ['-u', script, kafka ?? '-', ...scenarios.map((s) => s.dir)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TZ: 'UTC', PYSPARK_PYTHON: PYTHON, PYTHONWARNINGS: 'ignore' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the PySpark runner exited with ${code}:\n${stderr.slice(-4000)}`);

  const transcripts = new Map<string, string>();
  const pattern = /^@@@begin (\S+) (\S+)\n([\s\S]*?)^@@@end \1\n/gm;
  for (const m of stdout.matchAll(pattern)) transcripts.set(m[1], normalizeTranscript(m[3], m[2]));
  for (const s of scenarios) {
    if (!transcripts.has(s.id)) throw new Error(`the PySpark runner printed no transcript for ${s.id}:\n${stderr.slice(-4000)}`);
  }
  return transcripts;
}
