// The local dashboard against running queries: the JSON endpoint carries each query's real
// progress figures, the HTML pages list active and finished queries (with the last exception), the
// query page lays out the charts uPlot draws from that endpoint, and uPlot itself is served from
// the installed package (checked here as HTML, kept in test-artifacts/); the charts drawn in
// headless Chromium: streaming-ui-browser.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StreamSession, type StreamingQuery } from '../../lib/index';
import { col } from '../../lib/functions';
import { StringType } from '../../lib/types';
import { MemoryStream } from '../../lib/testing';
import type { UiQuery } from '../../lib/api/streaming-ui-history';

let spark: StreamSession;

beforeAll(() => {
  spark = StreamSession.builder().appName('ui-test').config({ 'spark.ui.enabled': true, 'spark.ui.port': 0 }).getOrCreate();
  spark.sparkContext.setLogLevel('FATAL');
});
afterAll(() => spark.stop());

async function get(pathAndQuery: string): Promise<{ status: number; type: string; body: string }> {
  const r = await fetch(`${spark.sparkContext.uiWebUrl}${pathAndQuery}`);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() };
}

/** Lets the event deliveries after the last batch run (they go out after setImmediate). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

test('bound to 127.0.0.1 on the configured (here: a free) port', async () => {
  await settle();
  expect(spark.sparkContext.uiWebUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

describe('with a running aggregation and a failed query', () => {
  let q: StreamingQuery;
  let failed: StreamingQuery;

  beforeAll(async () => {
    const input = new MemoryStream(StringType(), spark);
    q = input.toDF().groupBy(col('value')).count().writeStream.format('memory').queryName('word_counts').outputMode('complete').start();
    input.addData('a', 'b', 'a');
    await q.processAllAvailable();
    input.addData('c', 'a', 'd', 'e');
    await q.processAllAvailable();
    const bad = new MemoryStream(StringType(), spark);
    failed = bad.toDF().selectExpr('CAST(value AS INT) AS n').writeStream.format('memory').queryName('failing').option('checkpointLocation', fs.mkdtempSync('/tmp/rivulet-ui-')).start();
    spark.conf.set('spark.sql.ansi.enabled', 'true');
    bad.addData('x');
    await failed.awaitTermination().catch(() => undefined);
    spark.conf.set('spark.sql.ansi.enabled', 'false');
    await settle();
  });
  afterAll(() => q.stop());

  test('the JSON endpoint: active and finished queries with their real progress figures', async () => {
    const r = await get('/api/streaming');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    const data = JSON.parse(r.body) as { active: UiQuery[]; finished: UiQuery[] };
    expect(data.active.map((x) => x.name)).toEqual(['word_counts']);
    const active = data.active[0];
    expect(active.id).toBe(q.id);
    const progress = q.recentProgress;
    expect(active.batches.map((b) => b.batchId)).toEqual(progress.map((p) => p.batchId));
    expect(active.batches.map((b) => b.numInputRows)).toEqual([3, 4]);
    expect(active.batches.map((b) => b.stateRows)).toEqual([2, 5]);
    expect(active.batches.map((b) => b.batchDuration)).toEqual(progress.map((p) => p.batchDuration));
    expect(active.batches.map((b) => b.operationDurations.addBatch)).toEqual(progress.map((p) => p.durationMs.addBatch));
    expect(active.batches.map((b) => b.stateMemoryBytes)).toEqual(progress.map((p) => p.stateOperators[0].memoryUsedBytes));
    expect(data.finished.map((x) => [x.name, x.status])).toEqual([['failing', 'FAILED']]);
    expect(data.finished[0].lastException).toBe(failed.exception()?.message);
    expect(data.finished[0].lastException).toContain('CAST_INVALID_INPUT');
  });

  test('the query list page and the per-query page laying out its charts', async () => {
    const list = await get('/');
    expect(list.type).toBe('text/html; charset=utf-8');
    expect(list.body).toContain('Active Streaming Queries (1)');
    expect(list.body).toContain('Completed Streaming Queries (1)');
    expect(list.body).toContain(`href="/streaming/query/?id=${q.runId}"`);
    expect(list.body).toContain('CAST_INVALID_INPUT');
    const page = await get(`/streaming/query/?id=${q.runId}`);
    expect(page.status).toBe(200);
    for (const chart of ['Input Rate', 'Process Rate', 'Input Rows', 'Batch Duration', 'Operation Duration', 'Global Watermark Gap', 'Aggregated Number Of Total State Rows', 'Aggregated State Memory Used In Bytes']) {
      expect(page.body).toContain(`data-chart="${chart}"`);
    }
    // The charts, in order, with the UiBatch field each series plots (the browser draws them).
    const specs = JSON.parse(/<script type="application\/json" id="chart-specs">(.*?)<\/script>/.exec(page.body)![1]) as { title: string; unit: string; series: { name: string; field: string }[] }[];
    expect(specs.map((c) => [c.title, c.unit, c.series.map((x) => x.field)])).toEqual([
      ['Input Rate', 'records/sec', ['inputRowsPerSecond']],
      ['Process Rate', 'records/sec', ['processedRowsPerSecond']],
      ['Input Rows', 'records', ['numInputRows']],
      ['Batch Duration', 'ms', ['batchDuration']],
      ['Operation Duration', 'ms', ['addBatch', 'getBatch', 'latestOffset', 'queryPlanning', 'walCommit'].map((op) => `operationDurations.${op}`)],
      ['Global Watermark Gap', 'ms', ['watermarkGapMs']],
      ['Aggregated Number Of Total State Rows', 'records', ['stateRows']],
      ['Aggregated State Memory Used In Bytes', 'bytes', ['stateMemoryBytes']],
    ]);
    // Every field a chart plots is one the JSON endpoint carries.
    const batch = (JSON.parse((await get(`/api/streaming/query/?id=${q.runId}`)).body) as UiQuery).batches[0] as unknown as Record<string, unknown>;
    for (const field of specs.flatMap((c) => c.series.map((x) => x.field))) {
      const value = field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], batch);
      expect([field, typeof value === 'number' || value === null]).toEqual([field, true]);
    }
    expect(page.body).toContain(`<div id="charts" data-run-id="${q.runId}">`);
    expect(page.body).toContain('<link rel="stylesheet" href="/static/uPlot.min.css"><script src="/static/uPlot.iife.min.js"></script><script src="/static/dashboard.js" defer></script>');
    // The query list stays live by fetching itself; the query page's script polls the JSON instead.
    expect(list.body).toContain('<meta name="rivulet-live" content="2"><noscript><meta http-equiv="refresh" content="2"></noscript><script>');
    expect(page.body).not.toContain('rivulet-live');
    const dir = path.resolve(__dirname, '../../test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'streaming-ui-query.html'), page.body);
    expect((await get('/streaming/query/?id=nope')).status).toBe(404);
  });

  test("uPlot's browser build and stylesheet come from the installed uplot package, with the dashboard script", async () => {
    const js = await get('/static/uPlot.iife.min.js');
    expect([js.status, js.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(js.body).toBe(fs.readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'));
    const css = await get('/static/uPlot.min.css');
    expect([css.status, css.type]).toEqual([200, 'text/css; charset=utf-8']);
    expect(css.body).toBe(fs.readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'));
    const script = await get('/static/dashboard.js');
    expect([script.status, script.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(script.body).toContain('new uPlot(');
    expect(script.body).toContain("'/api/streaming/query/?id='");
    expect((await get('/static/other.js')).status).toBe(404);
  });
});
