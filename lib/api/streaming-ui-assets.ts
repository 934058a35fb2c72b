// Static files of the dashboard: uPlot's browser build and stylesheet, read from the installed
// `uplot` package at run time (no build step, no copy in the repository), and the dashboard's own
// browser script. Read once, on first request.
import * as fs from 'node:fs';
import { DASHBOARD_SCRIPT } from './streaming-ui-script';

export interface Asset { type: string; body: string | Buffer }

const FILES: Record<string, { type: string; load: () => string | Buffer }> = {
  '/static/uPlot.iife.min.js': { type: 'text/javascript', load: () => fs.readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js')) },
  '/static/uPlot.min.css': { type: 'text/css', load: () => fs.readFileSync(require.resolve('uplot/dist/uPlot.min.css')) },
  '/static/dashboard.js': { type: 'text/javascript', load: () => DASHBOARD_SCRIPT },
};

const cache = new Map<string, Asset>();

/** The asset served at `pathname`, or undefined when there is none. */
export function staticAsset(pathname: string): Asset | undefined {
  const file = FILES[pathname];
  if (!file) return undefined;
  let asset = cache.get(pathname);
  if (!asset) {
    asset = { type: file.type, body: file.load() };
    cache.set(pathname, asset);
  }
  return asset;
}
