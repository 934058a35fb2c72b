// `npm pack` gives a tarball that installs into a fresh folder (no symlinks back to this checkout)
// and runs there with require and import; TypeScript resolves the types of every entry point
// under moduleResolution node10, node16 and bundler. Needs a build (npm test builds first) and
// the dependencies in the npm cache or a reachable registry.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
let dir = '';

function run(cmd: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// One session end to end: a MemoryStream through a word count into the memory sink.
const CJS_EXAMPLE = `
const { StreamSession } = require('rivulet');
const { explode, split, col } = require('rivulet/functions');
const { StringType } = require('rivulet/types');
const { MemoryStream } = require('rivulet/testing');
const { StreamingContext } = require('rivulet/streaming');
(async () => {
  const spark = StreamSession.builder().appName('pack').getOrCreate();
  spark.sparkContext.setLogLevel('ERROR');
  const input = new MemoryStream(StringType(), spark);
  input.addData('a b a');
  const q = input.toDF().select(explode(split(col('value'), ' ')).alias('w')).groupBy('w').count()
    .writeStream.format('memory').queryName('counts').outputMode('complete').start();
  await q.processAllAvailable();
  await q.stop();
  const rows = spark.sql('SELECT w, count FROM counts ORDER BY w').collect().map((r) => r.w + '=' + r.count);
  console.log(rows.join(','), typeof StreamingContext);
  await spark.stop();
})();
`;

const ESM_EXAMPLE = `
import { StreamSession } from 'rivulet';
import { col, upper } from 'rivulet/functions';
import { StructType, StructField, StringType } from 'rivulet/types';
const spark = StreamSession.builder().appName('pack-esm').getOrCreate();
const schema = StructType([StructField('name', StringType(), true)]);
const df = spark.createDataFrame([['ann'], ['bob']], schema).select(upper(col('name')).alias('n'));
console.log(df.collect().map((r) => r.n).join(','));
await spark.stop();
`;

const TS_USE = `
import { StreamSession, type DataFrame, StreamingQueryProgress } from 'rivulet';
import { col, window } from 'rivulet/functions';
import { StringType, type DataType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { StreamingContext } from 'rivulet/streaming';
const spark = StreamSession.builder().getOrCreate();
const input = new MemoryStream(StringType(), spark);
const df: DataFrame = input.toDF().select(col('value'));
const t: DataType = StringType();
export const used = [df, t, window, StreamingContext, StreamingQueryProgress];
`;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.js'))) throw new Error('build first: npm run build');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-pack-'));
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  if (pack.status !== 0) throw new Error(pack.stderr);
  const tarball = path.join(dir, JSON.parse(pack.stdout)[0].filename as string);
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
  if (install.status !== 0) throw new Error(install.stderr);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds dist, the typings, README, CHANGELOG and LICENSE, and no sources or tests', () => {
  const installed = path.join(dir, 'app/node_modules/rivulet');
  expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/functions.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) {
    expect(fs.existsSync(path.join(installed, f))).toBe(true);
  }
  for (const f of ['lib', '__tests__', 'scripts', 'tsconfig.json']) expect(fs.existsSync(path.join(installed, f))).toBe(false);
});

test('an installed copy runs a streaming query with require', () => {
  const app = path.join(dir, 'app');
  fs.writeFileSync(path.join(app, 'example.cjs'), CJS_EXAMPLE);
  const r = run(process.execPath, ['example.cjs'], app);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('a=2,b=1 function\n');
});

test('an installed copy runs with import from an ES module', () => {
  const app = path.join(dir, 'app');
  fs.writeFileSync(path.join(app, 'example.mjs'), ESM_EXAMPLE);
  const r = run(process.execPath, ['example.mjs'], app);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('ANN,BOB\n');
});

// The dashboard resolves uPlot from the installed `uplot` dependency at run time.
const DASHBOARD_EXAMPLE = `
const fs = require('node:fs');
const { StreamSession } = require('rivulet');
(async () => {
  const spark = StreamSession.builder().appName('pack-ui').config({ 'spark.ui.enabled': true, 'spark.ui.port': 0 }).getOrCreate();
  spark.sparkContext.setLogLevel('ERROR');
  await new Promise((r) => setImmediate(r)); // bound on the next tick
  const url = spark.sparkContext.uiWebUrl;
  const js = await fetch(url + '/static/uPlot.iife.min.js');
  const body = await js.text();
  const own = fs.readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const css = await fetch(url + '/static/uPlot.min.css');
  console.log(js.status, body === own, require.resolve('uplot').includes('/app/node_modules/uplot/'), css.status);
  await spark.stop();
})();
`;

test('an installed copy serves the dashboard with uPlot from its installed dependency', () => {
  const app = path.join(dir, 'app');
  fs.writeFileSync(path.join(app, 'dashboard.cjs'), DASHBOARD_EXAMPLE);
  const r = run(process.execPath, ['dashboard.cjs'], app);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('200 true true 200\n');
});

test.each([
  ['node10', 'commonjs', 'use.ts'],
  ['node16', 'node16', 'use.ts'],
  ['node16', 'node16', 'use.mts'],
  ['bundler', 'esnext', 'use.ts'],
])('TypeScript resolves every entry point under moduleResolution %s (module %s, %s)', (resolution, module, file) => {
  const app = path.join(dir, 'app');
  fs.writeFileSync(path.join(app, file), TS_USE);
  const r = run(process.execPath, [
    TSC, '--noEmit', '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', resolution,
    '--typeRoots', path.join(ROOT, 'node_modules/@types'), '--types', 'node', file,
  ], app);
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});
