// Every code sample in docs/guides runs (through tsx, importing the package by its own name) and
// prints exactly the output block that follows it; `npm run docs` renders every guide.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { samples, guideFiles } from '../../scripts/docs-samples';
import { buildSite } from '../../scripts/docs';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ALL = samples();

test('the guides hold code samples', () => {
  // The guides issue 17 lists, in file-name order.
  expect(guideFiles()).toEqual([
    'checkpoints-and-exactly-once.md', 'differences-from-spark.md', 'event-time-and-state.md', 'getting-started.md',
    'operating-queries.md', 'porting-from-pyspark.md', 'running-on-a-spark-cluster.md', 'sources-and-sinks.md',
    'testing-pipelines.md', 'value-types.md',
  ]);
  expect(ALL.length).toBe(13);
  expect(ALL.every((s) => s.expectedStdout !== null)).toBe(true);
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
