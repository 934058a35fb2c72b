// Every code sample in docs/guides runs (through tsx, importing the package by its own name) and
// prints exactly the output block that follows it; `npm run docs` renders every guide.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { samples, guideFiles, excerpts, GUIDES_DIR } from '../../scripts/docs-samples';
import { buildSite } from '../../scripts/docs';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ALL = samples();

test('the guides hold code samples', () => {
  // The guides issue 17 lists, and those the README's reference sections moved into.
  expect(guideFiles()).toEqual(expect.arrayContaining([
    'checkpoints-and-exactly-once.md', 'differences-from-spark.md', 'event-time-and-state.md', 'getting-started.md',
    'operating-queries.md', 'porting-from-pyspark.md', 'running-on-a-spark-cluster.md', 'sources-and-sinks.md',
    'testing-pipelines.md', 'value-types.md',
    'architecture.md', 'benchmarks.md', 'development.md', 'dstreams.md', 'features.md', 'sql.md',
  ]));
  // Every ```ts fence is either a sample (run below, with the output block it must print) or a
  // fenced ```ts excerpt; counted from the files directly, apart from the parser.
  const fences = guideFiles().map((f) => fs.readFileSync(path.join(GUIDES_DIR, f), 'utf8'));
  const count = (re: RegExp) => fences.reduce((n, text) => n + (text.match(re) ?? []).length, 0);
  expect(ALL.length).toBe(count(/^```ts$/gm));
  expect(ALL.length).toBeGreaterThanOrEqual(12);
  expect(excerpts().length).toBe(count(/^```ts excerpt$/gm));
  expect(count(/^```ts/gm)).toBe(ALL.length + excerpts().length);
  expect(ALL.every((s) => s.expectedStdout !== null)).toBe(true);
});

test('every excerpt (a fragment, shown and not run) is valid TypeScript syntax', () => {
  const broken = excerpts().flatMap((e) => {
    const out = ts.transpileModule(e.text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    return (out.diagnostics ?? []).map((d) => `${e.guide}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')} in\n${e.text}`);
  });
  expect(broken).toEqual([]);
});

test('the README is short and its links to guides, examples and files resolve', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(readme.split('\n').length).toBeLessThan(150);
  const links = [...readme.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]);
  expect(links).toEqual(expect.arrayContaining(['docs/guides/getting-started.md', 'docs/guides/features.md', 'CHANGELOG.md']));
  expect(links.filter((l) => !fs.existsSync(path.join(ROOT, l)))).toEqual([]);
  // Every guide is linked from the README.
  expect(guideFiles().filter((g) => !links.includes(`docs/guides/${g}`))).toEqual([]);
});

test('relative links inside the guides resolve', () => {
  const broken = guideFiles().flatMap((g) => {
    const text = fs.readFileSync(path.join(GUIDES_DIR, g), 'utf8');
    return [...text.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !fs.existsSync(path.resolve(GUIDES_DIR, l))).map((l) => `${g}: ${l}`);
  });
  expect(broken).toEqual([]);
});

test.each(ALL.map((s) => [`${s.guide} #${s.index}`, s] as const))('sample %s runs and prints its output block', (_name, sample) => {
  // Inside the repository, so tsx maps 'rivulet' and 'rivulet/*' through tsconfig paths.
  const file = path.join(ROOT, `.docs-sample-${sample.guide.replace(/\W/g, '-')}-${sample.index}.ts`);
  fs.writeFileSync(file, sample.code);
  try {
    const env = { ...process.env };
    delete env.CI;
    const r = spawnSync(TSX, [file], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(sample.expectedStdout);
  } finally {
    fs.rmSync(file, { force: true });
  }
});

test('npm run docs renders each guide and an index into a static folder', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-docs-'));
  try {
    expect(buildSite(out)).toEqual([...guideFiles().map((f) => f.replace(/\.md$/, '.html')), 'index.html']);
    const html = fs.readFileSync(path.join(out, 'getting-started.html'), 'utf8');
    expect(html).toContain('<h1>Getting started</h1>');
    expect(html).toContain(`<pre><code class="language-ts">import { StreamSession } from 'rivulet';`);
    expect(fs.readFileSync(path.join(out, 'porting-from-pyspark.html'), 'utf8')).toContain('<th>PySpark</th><th>Rivulet (TypeScript)</th>');
    expect(fs.readFileSync(path.join(out, 'value-types.html'), 'utf8')).toContain('<th>Spark type</th><th>A user gets</th>');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<a href="api/index.html">API reference</a>');
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
