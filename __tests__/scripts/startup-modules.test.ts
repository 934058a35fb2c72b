// What `import 'rivulet'` loads (issue 17, start-up): function modules, file formats, the analyzer,
// immer and date-fns load on first use, not at import. Counts modules, not milliseconds, so it holds
// on a loaded machine; `npm run bench:startup` measures the time.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT, scriptCommand, scriptEnv } from '../support/script-process';

let loaded: string[];

beforeAll(() => {
  const [cmd, args] = scriptCommand(path.join(__dirname, 'fixtures/loaded-modules.ts'));
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', env: scriptEnv() });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  loaded = r.stdout.trim().split('\n');
});

test('the entry point loads its own API modules', () => {
  expect(loaded).toContain('lib/index.ts');
  expect(loaded).toContain('lib/session/stream-session.ts');
  expect(loaded).toContain('lib/api/data-frame.ts');
});

test('file formats, the analyzer, the planner, the function modules, the SQL statement grammar and the cast rules wait for first use', () => {
  const eager = loaded.filter((f) => /^lib\/(connectors\/file\/|analysis\/|execution\/planner|state\/|checkpoint\/|api\/functions\/(?!column-basics)|functions\.ts|sql\/statement-parser\.ts|expressions\/cast\.ts)/.test(f));
  expect(eager).toEqual([]);
});

test('no dependency package loads at import (immer, date-fns, kafkajs, lmdb, hyparquet) and no node:crypto', () => {
  expect(loaded.filter((f) => f.startsWith('node_modules/') || f === 'node:crypto')).toEqual([]);
});

test('fewer than 100 modules in all', () => {
  expect(loaded.length).toBeLessThan(100);
});
