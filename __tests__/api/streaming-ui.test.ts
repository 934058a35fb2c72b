// The local dashboard against running queries: the JSON endpoint carries each query's real
// progress figures, the HTML pages list active and finished queries (with the last exception) and
// draw the charts from the same figures, checked here as HTML/SVG (kept in test-artifacts/); the
// same pages in headless Chromium: streaming-ui-browser.test.ts.
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

  test('the query list page and the per-query page with its charts, drawn from the same figures', async () => {
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
    const points = (series: string) => [...page.body.matchAll(new RegExp(`data-series="${series}" data-batch="(\\d+)" data-value="([^"]+)"`, 'g'))].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points('Input Rows')).toEqual([[0, 3], [1, 4]]);
    expect(points('Aggregated Number Of Total State Rows')).toEqual([[0, 2], [1, 5]]);
    expect(points('Batch Duration')).toEqual(q.recentProgress.map((p) => [p.batchId, p.batchDuration]));
    expect(points('walCommit')).toEqual(q.recentProgress.map((p) => [p.batchId, p.durationMs.walCommit ?? 0]));
    // Live while the query runs: the page polls itself (a plain refresh without JavaScript).
    expect(page.body).toContain('<meta name="rivulet-live" content="2"><noscript><meta http-equiv="refresh" content="2"></noscript><script>');
    const dir = path.resolve(__dirname, '../../test-artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'streaming-ui-query.html'), page.body);
    expect((await get('/streaming/query/?id=nope')).status).toBe(404);
  });
});
