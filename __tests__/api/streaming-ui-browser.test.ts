// The local dashboard end to end in a real browser: Debian's headless Chromium, driven by
// playwright-core, against a running windowed aggregation with a watermark. The page renders, the
// query page's uPlot charts update themselves while the query runs, and every chart's data (read
// back from the uPlot instances the page keeps) and its legend values (uPlot's own legend, under
// the cursor) are compared with query.recentProgress. A screenshot of each page is kept in
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

/** What the page keeps of a uPlot chart (globalThis.rivuletCharts[title]). */
interface Chart { series: { label: string }[]; data: (number | null)[][] }

/** The points a chart draws: its uPlot instance's series labels and data columns, x = batch id. */
async function points(chart: string): Promise<Point[]> {
  const c = await page.evaluate((title) => {
    const u = (globalThis as unknown as { rivuletCharts: Record<string, Chart> }).rivuletCharts[title];
    return { series: u.series.map((s) => ({ label: s.label })), data: u.data };
  }, chart);
  return c.series.slice(1).flatMap((s, k) => c.data[0].flatMap((batch, i) => {
    const value = c.data[k + 1][i];
    return value === null || value === undefined ? [] : [{ series: s.label, batch: batch as number, value }];
  }));
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
  const batches = () => page.evaluate(() => (globalThis as unknown as { rivuletCharts: Record<string, Chart> }).rivuletCharts['Input Rows']?.data[0] ?? []);
  await page.waitForFunction((b) => ((globalThis as unknown as { rivuletCharts: Record<string, Chart> }).rivuletCharts['Input Rows']?.data[0] ?? []).includes(b), before);
  expect(await batches()).not.toContain(before + 1);
  input.addData(...rows([40, 'f'], [41, 'g']));
  await query.processAllAvailable();
  await settle();
  const after = query.lastProgress!.batchId;
  expect(after).toBeGreaterThan(before);
  // No navigation from the test: the page fetches the JSON every two seconds and hands it to the
  // same uPlot charts, without a reload (the marker set on the loaded document survives).
  // (globalThis: `window` in this file is rivulet/functions' window.)
  await page.evaluate('globalThis.rivuletMarker = 1');
  await page.waitForFunction((b) => ((globalThis as unknown as { rivuletCharts: Record<string, Chart> }).rivuletCharts['Input Rows']?.data[0] ?? []).includes(b), after, { timeout: 60_000 });
  expect(await page.evaluate('globalThis.rivuletMarker')).toBe(1);
  expect(await batches()).toEqual(query.recentProgress.map((p) => p.batchId));
});

describe('after the query stops, the query page shows its real figures', () => {
  let progress: StreamingQueryProgress[];

  beforeAll(async () => {
    progress = query.recentProgress;
    await query.stop();
    await settle();
    await page.goto(`${spark.sparkContext.uiWebUrl}/streaming/query/?id=${query.runId}`);
    // Drawn once the script has fetched the JSON of the finished query.
    await page.waitForFunction(() => (globalThis as unknown as { rivuletDashboard: { query: { status: string } | null } }).rivuletDashboard?.query?.status === 'FINISHED');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-query.png'), fullPage: true });
  });

  test('every batch, drawn by uPlot on canvases with a visible size', async () => {
    expect(progress.map((p) => p.batchId)).toEqual(progress.map((_p, i) => i));
    expect(await page.textContent('h1')).toBe('Streaming Query Statistics (windowed_words)');
    const charts = await page.$$eval('.chart', (cs) => cs.map((c) => {
      const canvas = c.querySelector('.uplot canvas');
      const r = canvas ? canvas.getBoundingClientRect() : { width: 0, height: 0 };
      return { chart: c.getAttribute('data-chart'), title: c.querySelector('.u-title')?.textContent, visible: r.width > 100 && r.height > 100 };
    }));
    expect(charts).toEqual([
      ['Input Rate', 'records/sec'], ['Process Rate', 'records/sec'], ['Input Rows', 'records'], ['Batch Duration', 'ms'],
      ['Operation Duration', 'ms'], ['Global Watermark Gap', 'ms'], ['Aggregated Number Of Total State Rows', 'records'],
      ['Aggregated State Memory Used In Bytes', 'bytes'],
    ].map(([chart, unit]) => ({ chart, title: `${chart} (${unit})`, visible: true })));
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

  test("uPlot's legend shows each batch's numbers under the cursor", async () => {
    const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
    const legend = (chart: string, index: number) => page.evaluate(([title, i]) => {
      const u = (globalThis as unknown as { rivuletCharts: Record<string, { data: number[][]; valToPos(v: number, scale: string): number; setCursor(c: { left: number; top: number }): void; root: { querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): { textContent: string | null } | null }> } }> }).rivuletCharts[title as string];
      u.setCursor({ left: u.valToPos(u.data[0][i as number], 'x'), top: 10 });
      return Array.from(u.root.querySelectorAll(".u-legend .u-series")).map((r) => [r.querySelector('.u-label')?.textContent, r.querySelector('.u-value')?.textContent]);
    }, [chart, index] as const);
    for (const [i, p] of progress.entries()) {
      expect(await legend('Input Rows', i)).toEqual([['batch', String(p.batchId)], ['Input Rows', fmt(p.numInputRows)]]);
    }
    const lastIndex = progress.length - 1;
    const last = progress[lastIndex];
    expect(await legend('Operation Duration', lastIndex)).toEqual([['batch', String(last.batchId)],
      ...['addBatch', 'getBatch', 'latestOffset', 'queryPlanning', 'walCommit'].map((op) => [op, fmt(last.durationMs[op] ?? 0)])]);
    expect(await legend('Aggregated Number Of Total State Rows', lastIndex)).toEqual([['batch', String(last.batchId)], ['Aggregated Number Of Total State Rows', fmt(stateRows(last))]]);
    expect(await page.textContent('#status')).toBe('FINISHED');
    expect(await page.textContent('body')).toContain('Running batches for FINISHED');
    expect(fs.statSync(path.join(ARTIFACTS, 'dashboard-query.png')).size).toBeGreaterThan(10_000);
  });
});
