// How tests run a TypeScript script as a real child process. The `tsx` CLI is a relay process
// that waits only 30 ms for its child to acknowledge a signal before it SIGKILLs it and exits
// 143; on a loaded CI machine that race decides the test. Running node itself with tsx's loader
// gives the script the signal directly, as `node --import tsx script.ts` does for users.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** The command and leading arguments that run `script` under node with tsx's loader. */
export function scriptCommand(script: string, args: string[] = []): [string, string[]] {
  const loader = pathToFileURL(path.join(PROJECT_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return [process.execPath, ['--import', loader, script, ...args]];
}

/** The environment a user's script sees: outside jest's worker, with the project's tsconfig. */
export function scriptEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(PROJECT_ROOT, 'tsconfig.json'), ...extra };
  delete env.JEST_WORKER_ID;
  return env;
}

/** A script running as a child process, with its output so far and its exit code to come. */
export interface ScriptRun {
  child: import('node:child_process').ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `script` as a user runs it (outside jest's worker), collecting stdout and stderr. */
export function runScript(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): ScriptRun {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const [command, argv] = scriptCommand(script, args);
  const child = spawn(command, argv, { cwd: options.cwd ?? PROJECT_ROOT, env: scriptEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Bounded wait on a condition over the child's own output (no fixed sleeps). */
export async function waitForScript(condition: () => boolean, what: string, run: Pick<ScriptRun, 'stderr'>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
