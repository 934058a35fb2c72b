// The per-query charts of the dashboard, as Spark's Structured Streaming statistics page draws
// them: a title, a unit and one or more series, each naming the UiBatch field it plots
// (`operationDurations.addBatch` reads a nested field). The page embeds this list; the browser
// script draws it with uPlot from the JSON endpoint.
import { OPERATION_NAMES } from './streaming-ui-history';

export interface ChartSeries { name: string; field: string }
export interface ChartSpec { title: string; unit: string; series: ChartSeries[] }

const one = (title: string, unit: string, field: string): ChartSpec => ({ title, unit, series: [{ name: title, field }] });

export const CHARTS: readonly ChartSpec[] = [
  one('Input Rate', 'records/sec', 'inputRowsPerSecond'),
  one('Process Rate', 'records/sec', 'processedRowsPerSecond'),
  one('Input Rows', 'records', 'numInputRows'),
  one('Batch Duration', 'ms', 'batchDuration'),
  { title: 'Operation Duration', unit: 'ms', series: OPERATION_NAMES.map((op) => ({ name: op, field: `operationDurations.${op}` })) },
  one('Global Watermark Gap', 'ms', 'watermarkGapMs'),
  one('Aggregated Number Of Total State Rows', 'records', 'stateRows'),
  one('Aggregated State Memory Used In Bytes', 'bytes', 'stateMemoryBytes'),
];
