// The local dashboard end to end in a real browser: Debian's headless Chromium, driven by
// playwright-core, against a running windowed aggregation with a watermark. The page renders, the
// query page updates itself while the query runs, and every chart's points and labels are read
// back from the DOM and compared with query.recentProgress. A screenshot of each page is kept in
// test-artifacts/ (git-ignored). Chromium is required: the test fails, never skips, without it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { StreamSession, type StreamingQuery, type StreamingQueryProgress } from '../../lib/index';
import { col, window } from '../../lib/functions';
import { StringType, StructField, StructType, TimestampType } from '../../lib/types';
import { MemoryStream } from '../../lib/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

let browser: Browser;
let page: Page;
let spark: StreamSession;
let query: StreamingQuery;
let input: MemoryStream;

/** Lets the event deliveries after the last batch run (they go out after setImmediate). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

const schema = StructType([StructField('ts', TimestampType(), true), StructField('word', StringType(), true)]);
const base = Date.now() - 60_000;
const rows = (...items: [number, string][]) => items.map(([s, word]) => ({ ts: new Date(base + s * 1000), word }));

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The dashboard browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium; or set CHROMIUM_PATH)`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  spark = StreamSession.builder().appName('dashboard-e2e')
    .config({ 'spark.ui.enabled': true, 'spark.ui.port': 0, 'spark.sql.shuffle.partitions': '2' }).getOrCreate();
  spark.sparkContext.setLogLevel('FATAL');
  input = new MemoryStream(schema, spark);
  query = input.toDF().withWatermark('ts', '5 seconds').groupBy(window(col('ts'), '10 seconds'), col('word')).count()
    .writeStream.format('noop').queryName('windowed_words').outputMode('update').start();
  input.addData(...rows([1, 'a'], [2, 'b'], [3, 'a']));
  await query.processAllAvailable();
  input.addData(...rows([12, 'c'], [14, 'a'], [15, 'd'], [16, 'e'], [17, 'a']));
  await query.processAllAvailable();
  input.addData(...rows([25, 'b']));
  await query.processAllAvailable();
  await settle();
}, 60_000);

afterAll(async () => {
  await query?.stop();
  await spark?.stop();
  await browser?.close();
});

/** Runs `read` on the page, again if a self-reload of the page replaced it meanwhile. */
async function onPage<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      if (attempt >= 10 || !/context was destroyed|navigat/i.test(String(e))) throw e;
      await page.waitForLoadState('load');
    }
  }
}

interface Point { series: string; batch: number; value: number }

/** The points a chart draws, from its SVG circles. */
function points(chart: string): Promise<Point[]> {
  return page.$$eval(`figure[data-chart="${chart}"] circle`, (cs) => cs.map((c) => ({
    series: c.getAttribute('data-series') ?? '',
    batch: Number(c.getAttribute('data-batch')),
    value: Number(c.getAttribute('data-value')),
  })));
}

function series(progress: StreamingQueryProgress[], name: string, f: (p: StreamingQueryProgress) => number | null): Point[] {
  return progress.flatMap((p) => {
    const v = f(p);
    return v === null || !Number.isFinite(v) ? [] : [{ series: name, batch: p.batchId, value: v }];
  });
}

const stateRows = (p: StreamingQueryProgress) => p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0);
// Spark's page leaves out batches whose watermark is still at epoch 0 (the first batch here).
const watermarkGap = (p: StreamingQueryProgress) => (p.eventTime.watermark === undefined || Date.parse(p.eventTime.watermark) <= 0 ? null : Date.parse(p.timestamp) - Date.parse(p.eventTime.watermark));

test('the query list renders the running query with its latest figures', async () => {
  await page.goto(`${spark.sparkContext.uiWebUrl}/`);
  const table = await onPage(() => page.$$eval('table', (ts) => ts.map((t) => [...t.querySelectorAll('tr')].map((r) => [...r.querySelectorAll('th,td')].map((c) => (c.textContent ?? '').trim())))));
  expect(await page.title()).toBe('dashboard-e2e - Structured Streaming');
  const [active, finished] = table;
  expect(active[0]).toEqual(['Name', 'Status', 'ID', 'Run ID', 'Start Time', 'Avg Input /sec', 'Avg Process /sec', 'Latest Batch', 'Error']);
  expect(finished).toHaveLength(1);
  const row = active.find((r) => r[0] === 'windowed_words');
  expect(row).toBeDefined();
  expect(row!.slice(1, 4)).toEqual(['ACTIVE', query.id, query.runId]);
  expect(row![7]).toBe(String(query.lastProgress!.batchId));
  await onPage(() => page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-list.png'), fullPage: true }));
});

test('the query page updates itself while the query runs', async () => {
  await page.goto(`${spark.sparkContext.uiWebUrl}/`);
  await onPage(() => page.click(`a:text-is("${query.id}")`));
  await page.waitForURL(/\/streaming\/query\/\?id=/);
  const before = query.lastProgress!.batchId;
  await onPage(() => page.waitForSelector(`figure[data-chart="Input Rows"] circle[data-batch="${before}"]`));
  expect(await onPage(() => page.$$(`figure[data-chart="Input Rows"] circle[data-batch="${before + 1}"]`))).toHaveLength(0);
  input.addData(...rows([40, 'f'], [41, 'g']));
  await query.processAllAvailable();
  await settle();
  const after = query.lastProgress!.batchId;
  expect(after).toBeGreaterThan(before);
  // No navigation from the test: the page fetches itself every two seconds and swaps in the new
  // charts, without a reload (the marker set on the loaded document survives).
  // (Strings: `window` in this file is rivulet/functions' window.)
  await page.evaluate('globalThis.rivuletMarker = 1');
  await page.waitForSelector(`figure[data-chart="Input Rows"] circle[data-batch="${after}"]`, { timeout: 60_000 });
  expect(await page.evaluate('globalThis.rivuletMarker')).toBe(1);
});

describe('after the query stops, the query page shows its real figures', () => {
  let progress: StreamingQueryProgress[];

  beforeAll(async () => {
    progress = query.recentProgress;
    await query.stop();
    await settle();
    await page.goto(`${spark.sparkContext.uiWebUrl}/streaming/query/?id=${query.runId}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-query.png'), fullPage: true });
  });

  test('every batch, drawn as SVG charts with a visible size', async () => {
    expect(progress.map((p) => p.batchId)).toEqual(progress.map((_p, i) => i));
    expect(await page.textContent('h1')).toBe('Streaming Query Statistics (windowed_words)');
    const charts = await page.$$eval('figure.chart svg', (ss) => ss.map((s) => {
      const r = s.getBoundingClientRect();
      return { label: s.getAttribute('aria-label'), visible: r.width > 100 && r.height > 100 };
    }));
    expect(charts).toEqual([
      'Input Rate', 'Process Rate', 'Input Rows', 'Batch Duration', 'Operation Duration', 'Global Watermark Gap',
      'Aggregated Number Of Total State Rows', 'Aggregated State Memory Used In Bytes',
    ].map((label) => ({ label, visible: true })));
  });

  test('input rows, rates and batch durations are the progress figures', async () => {
    expect(await points('Input Rows')).toEqual(series(progress, 'Input Rows', (p) => p.numInputRows));
    expect(progress.map((p) => p.numInputRows).filter((n) => n > 0)).toEqual([3, 5, 1, 2]);
    expect(await points('Batch Duration')).toEqual(series(progress, 'Batch Duration', (p) => p.batchDuration));
    expect(await points('Input Rate')).toEqual(series(progress, 'Input Rate', (p) => p.inputRowsPerSecond));
    expect(await points('Process Rate')).toEqual(series(progress, 'Process Rate', (p) => p.processedRowsPerSecond));
  });

  test('operation durations: one series per operation', async () => {
    const expected = ['addBatch', 'getBatch', 'latestOffset', 'queryPlanning', 'walCommit'].flatMap((op) => series(progress, op, (p) => p.durationMs[op] ?? 0));
    const drawn = await points('Operation Duration');
    const order = (a: Point, b: Point) => a.series.localeCompare(b.series) || a.batch - b.batch;
    expect(drawn.sort(order)).toEqual(expected.sort(order));
  });

  test('watermark gap and aggregated state rows and memory', async () => {
    const gap = series(progress, 'Global Watermark Gap', watermarkGap);
    expect(gap.map((p) => p.batch)).toEqual(progress.filter((p) => p.batchId > 0).map((p) => p.batchId));
    expect(await points('Global Watermark Gap')).toEqual(gap);
    const state = series(progress, 'Aggregated Number Of Total State Rows', stateRows);
    expect(state.map((p) => p.value)).toEqual(progress.map(stateRows));
    expect(state[state.length - 1].value).toBeGreaterThan(0);
    expect(await points('Aggregated Number Of Total State Rows')).toEqual(state);
    expect(await points('Aggregated State Memory Used In Bytes')).toEqual(series(progress, 'Aggregated State Memory Used In Bytes', (p) => p.stateOperators.reduce((n, s) => n + s.memoryUsedBytes, 0)));
  });

  test('axis labels and tooltips carry the same numbers', async () => {
    const max = Math.max(...progress.map((p) => p.numInputRows));
    const labels = await page.$$eval('figure[data-chart="Input Rows"] text', (ts) => ts.map((t) => t.textContent));
    expect(labels).toEqual(expect.arrayContaining(['Input Rows (records)', String(max), 'batch 0', `batch ${progress[progress.length - 1].batchId}`]));
    const tips = await page.$$eval('figure[data-chart="Input Rows"] circle title', (ts) => ts.map((t) => t.textContent));
    expect(tips).toEqual(progress.map((p) => `Input Rows batch ${p.batchId}: ${p.numInputRows} records`));
    expect(await page.textContent('body')).toContain('Running batches for FINISHED');
    expect(fs.statSync(path.join(ARTIFACTS, 'dashboard-query.png')).size).toBeGreaterThan(10_000);
  });
});
