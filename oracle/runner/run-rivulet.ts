// Runs the Rivulet side of a scenario in this process: a fresh session, the program's main(dir,
// kafka), and everything it writes to stdout captured as its transcript.
import { Console } from 'node:console';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StreamSession } from 'rivulet';
import { normalizeTranscript, prepareWorkDir, type Scenario } from './scenario';

type Main = (dir: string, kafka: string | null) => Promise<void> | void;

function errorLine(e: unknown): string {
  const err = e as { name?: string; constructor?: { name?: string }; errorClass?: string; message?: string };
  const type = err?.constructor?.name ?? 'Error';
  return `@@error ${type} ${err?.errorClass ?? '-'}\n${String(err?.message ?? e).trim()}`;
}

export async function runRivuletScenario(scenario: Scenario, kafka: string | null): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-oracle-'));
  prepareWorkDir(scenario, workDir);
  const session = new StreamSession({ 'spark.sql.session.timeZone': 'UTC', 'spark.master': 'local[2]' });
  StreamSession.setActive(session);

  let out = '';
  const write = process.stdout.write;
  // console.log goes to the captured stdout too (jest replaces the global console with its own).
  const globalConsole = globalThis.console;
  globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr });
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(scenario.dir, 'rivulet.ts')) as { default: Main };
    await loaded.default(workDir, kafka);
  } catch (e) {
    out += `${errorLine(e)}\n`;
  } finally {
    const active = StreamSession.getActiveSession() ?? session;
    await active.stop();
    await session.stop();
    StreamSession.setActive(undefined);
    process.stdout.write = write;
    globalThis.console = globalConsole;
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return normalizeTranscript(out, workDir);
}
