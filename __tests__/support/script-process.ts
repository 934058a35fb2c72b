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
