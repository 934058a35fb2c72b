// The dashboard's HTML, rendered on the server with inline SVG charts (no client build, no
// charting package): the query list as Spark's Structured Streaming tab, and per query the
// statistics charts. While a query runs, a page fetches itself every two seconds and swaps in the
// new body (a plain reload without JavaScript), and stops once the page it gets is no longer live.
import { OPERATION_NAMES, type UiBatch, type UiQuery } from './streaming-ui-history';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

interface Series { name: string; values: (number | null)[] }

/** A line chart over batch ids; every point carries a tooltip with its exact value. */
export function lineChart(title: string, unit: string, batchIds: number[], series: Series[]): string {
  // A legend (several series) takes its own line under the title.
  const W = 560, L = 60, R = 10, B = 26, T = series.length > 1 ? 38 : 24, H = 156 + T;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = all.length ? Math.max(...all, 0) : 0;
  const min = all.length ? Math.min(...all, 0) : 0;
  const span = max - min || 1;
  const n = batchIds.length;
  const x = (i: number) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const y = (v: number) => T + (H - T - B) * (1 - (v - min) / span);
  let body = '';
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length];
    const pts = s.values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter((p): p is string => p !== null);
    if (pts.length > 1) body += `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.join(' ')}"/>`;
    s.values.forEach((v, i) => {
      if (v !== null) body += `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}" data-series="${esc(s.name)}" data-batch="${batchIds[i]}" data-value="${v}"><title>${esc(s.name)} batch ${batchIds[i]}: ${fmt(v)} ${esc(unit)}</title></circle>`;
    });
  });
  const legend = series.length > 1 ? series.map((s, k) => `<tspan fill="${COLORS[k % COLORS.length]}">■ ${esc(s.name)} </tspan>`).join('') : '';
  return `<figure class="chart" data-chart="${esc(title)}"><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">`
    + `<text x="${L}" y="14" font-size="12" font-weight="bold">${esc(title)} (${esc(unit)})</text>`
    + (legend ? `<text x="${L}" y="29" font-size="11">${legend}</text>` : '')
    + `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#999"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#999"/>`
    + `<text x="${L - 4}" y="${T + 4}" font-size="10" text-anchor="end">${fmt(max)}</text><text x="${L - 4}" y="${H - B}" font-size="10" text-anchor="end">${fmt(min)}</text>`
    + (n ? `<text x="${L}" y="${H - 8}" font-size="10">batch ${batchIds[0]}</text><text x="${W - R}" y="${H - 8}" font-size="10" text-anchor="end">batch ${batchIds[n - 1]}</text>` : `<text x="${L + 10}" y="${H / 2}" font-size="11">no batches yet</text>`)
    + body + '</svg></figure>';
}

const STYLE = 'body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.chart{display:inline-block;margin:0 1em 1em 0}pre{white-space:pre-wrap;color:#a00}';

/** Every two seconds: fetch this page again and swap in its body, until it is no longer live. */
const LIVE_SCRIPT = '<script>(function poll(){setTimeout(async function(){try{var r=await fetch(location.href,{cache:"no-store"});if(r.ok){var d=new DOMParser().parseFromString(await r.text(),"text/html");document.title=d.title;document.body.replaceWith(d.body);if(!d.querySelector("meta[name=rivulet-live]"))return;}}catch(e){}poll();},2000);})();</script>';

function page(title: string, body: string, live: boolean): string {
  const head = live ? `<meta name="rivulet-live" content="2"><noscript><meta http-equiv="refresh" content="2"></noscript>${LIVE_SCRIPT}` : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>${head}<style>${STYLE}</style></head><body>${body}</body></html>`;
}

function last(q: UiQuery): UiBatch | undefined {
  return q.batches[q.batches.length - 1];
}

function queryTable(title: string, queries: UiQuery[]): string {
  const rows = queries.map((q) => {
    const b = last(q);
    return `<tr><td>${esc(q.name ?? '')}</td><td>${esc(q.status)}</td><td><a href="/streaming/query/?id=${encodeURIComponent(q.runId)}">${esc(q.id)}</a></td><td>${esc(q.runId)}</td><td>${esc(q.startTimestamp)}</td>`
      + `<td>${b ? fmt(b.inputRowsPerSecond ?? 0) : '-'}</td><td>${b ? fmt(b.processedRowsPerSecond ?? 0) : '-'}</td><td>${b ? b.batchId : '-'}</td><td>${q.lastException ? `<pre>${esc(q.lastException)}</pre>` : ''}</td></tr>`;
  }).join('');
  return `<h2>${esc(title)} (${queries.length})</h2><table><tr><th>Name</th><th>Status</th><th>ID</th><th>Run ID</th><th>Start Time</th><th>Avg Input /sec</th><th>Avg Process /sec</th><th>Latest Batch</th><th>Error</th></tr>${rows}</table>`;
}

export function listPage(appName: string, data: { active: UiQuery[]; finished: UiQuery[] }): string {
  return page(`${appName} - Structured Streaming`, `<h1>Structured Streaming</h1><p>${esc(appName)} · <a href="/api/streaming">JSON</a></p>${queryTable('Active Streaming Queries', data.active)}${queryTable('Completed Streaming Queries', data.finished)}`, true);
}

export function queryPage(q: UiQuery): string {
  const ids = q.batches.map((b) => b.batchId);
  const one = (name: string, f: (b: UiBatch) => number | null): Series[] => [{ name, values: q.batches.map(f) }];
  const charts = [
    lineChart('Input Rate', 'records/sec', ids, one('Input Rate', (b) => b.inputRowsPerSecond)),
    lineChart('Process Rate', 'records/sec', ids, one('Process Rate', (b) => b.processedRowsPerSecond)),
    lineChart('Input Rows', 'records', ids, one('Input Rows', (b) => b.numInputRows)),
    lineChart('Batch Duration', 'ms', ids, one('Batch Duration', (b) => b.batchDuration)),
    lineChart('Operation Duration', 'ms', ids, OPERATION_NAMES.map((op) => ({ name: op, values: q.batches.map((b) => b.operationDurations[op]) }))),
    lineChart('Global Watermark Gap', 'ms', ids, one('Global Watermark Gap', (b) => b.watermarkGapMs)),
    lineChart('Aggregated Number Of Total State Rows', 'records', ids, one('Aggregated Number Of Total State Rows', (b) => b.stateRows)),
    lineChart('Aggregated State Memory Used In Bytes', 'bytes', ids, one('Aggregated State Memory Used In Bytes', (b) => b.stateMemoryBytes)),
  ].join('');
  const title = `Streaming Query Statistics (${q.name ?? q.id})`;
  const info = `<p>Running batches for <b>${esc(q.status)}</b> · ID ${esc(q.id)} · Run ID ${esc(q.runId)} · started ${esc(q.startTimestamp)} · <a href="/">all queries</a> · <a href="/api/streaming/query/?id=${encodeURIComponent(q.runId)}">JSON</a></p>`;
  const error = q.lastException ? `<h3>Error</h3><pre>${esc(q.lastException)}</pre>` : '';
  return page(title, `<h1>${esc(title)}</h1>${info}${error}${charts}`, q.status === 'ACTIVE');
}
