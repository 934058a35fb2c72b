// The dashboard's HTML: the query list as Spark's Structured Streaming tab, rendered on the server
// (while a query runs, it fetches itself every two seconds and swaps in the new body, a plain
// reload without JavaScript, and stops once the page it gets is no longer live); and per query
// the statistics page, whose charts uPlot draws in the browser from the JSON endpoint
// (streaming-ui-script.ts), uPlot served from the installed package (streaming-ui-assets.ts).
import { CHARTS } from './streaming-ui-charts';
import type { UiBatch, UiQuery } from './streaming-ui-history';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const STYLE = 'body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.chart{display:inline-block;vertical-align:top;margin:0 1em 1em 0}pre{white-space:pre-wrap;color:#a00}';

/** Every two seconds: fetch this page again and swap in its body, until it is no longer live. */
const LIVE_SCRIPT = '<script>(function poll(){setTimeout(async function(){try{var r=await fetch(location.href,{cache:"no-store"});if(r.ok){var d=new DOMParser().parseFromString(await r.text(),"text/html");document.title=d.title;document.body.replaceWith(d.body);if(!d.querySelector("meta[name=rivulet-live]"))return;}}catch(e){}poll();},2000);})();</script>';

function page(title: string, body: string, live: boolean, extraHead = ''): string {
  const head = (live ? `<meta name="rivulet-live" content="2"><noscript><meta http-equiv="refresh" content="2"></noscript>${LIVE_SCRIPT}` : '') + extraHead;
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

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function queryPage(q: UiQuery): string {
  const title = `Streaming Query Statistics (${q.name ?? q.id})`;
  const head = '<link rel="stylesheet" href="/static/uPlot.min.css"><script src="/static/uPlot.iife.min.js"></script><script src="/static/dashboard.js" defer></script>';
  const info = `<p>Running batches for <b id="status">${esc(q.status)}</b> · ID ${esc(q.id)} · Run ID ${esc(q.runId)} · started ${esc(q.startTimestamp)} · <a href="/">all queries</a> · <a href="/api/streaming/query/?id=${encodeURIComponent(q.runId)}">JSON</a></p>`;
  const error = `<div id="error"${q.lastException ? '' : ' hidden'}><h3>Error</h3><pre>${esc(q.lastException ?? '')}</pre></div>`;
  const charts = `<noscript><p>The charts are drawn by JavaScript (uPlot); the same figures are in the JSON link above.</p></noscript>`
    + `<script type="application/json" id="chart-specs">${scriptJson(CHARTS)}</script>`
    + `<div id="charts" data-run-id="${esc(q.runId)}">${CHARTS.map((c) => `<div class="chart" data-chart="${esc(c.title)}"></div>`).join('')}</div>`;
  return page(title, `<h1>${esc(title)}</h1>${info}${error}${charts}`, false, head);
}
