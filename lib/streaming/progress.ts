// StreamingQueryProgress with Spark's field names and order; `json()`/`prettyJson()` render as
// Spark's json4s output (maps sorted and omitted when empty, NaN rates omitted).

export interface SourceProgress {
  description: string;
  startOffset: unknown;
  endOffset: unknown;
  latestOffset: unknown;
  numInputRows: number;
  inputRowsPerSecond: number;
  processedRowsPerSecond: number;
}

export interface StateOperatorProgress {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  allUpdatesTimeMs: number;
  numRowsRemoved: number;
  allRemovalsTimeMs: number;
  commitTimeMs: number;
  memoryUsedBytes: number;
  numRowsDroppedByWatermark: number;
  numShufflePartitions: number;
  numStateStoreInstances: number;
  /**
   * The state store's own metrics (Spark's HDFSBackedStateStoreProvider names, plus the
   * operator's, e.g. numDroppedDuplicateRows). Rivulet has no map cache or snapshots to upload,
   * so those figures are 0; rendered with sorted keys, omitted when absent.
   */
  customMetrics?: Record<string, number>;
}

export class StreamingQueryProgress {
  constructor(
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
    readonly timestamp: string,
    readonly batchId: number,
    readonly batchDuration: number,
    readonly durationMs: Record<string, number>,
    readonly eventTime: Record<string, string>,
    readonly stateOperators: StateOperatorProgress[],
    readonly sources: SourceProgress[],
    readonly sink: { description: string; numOutputRows: number },
  ) {}

  get numInputRows(): number {
    return this.sources.reduce((n, s) => n + s.numInputRows, 0);
  }

  get inputRowsPerSecond(): number {
    return this.sources.reduce((n, s) => n + s.inputRowsPerSecond, 0);
  }

  get processedRowsPerSecond(): number {
    return this.sources.reduce((n, s) => n + s.processedRowsPerSecond, 0);
  }

  /** The progress as a plain object in Spark's key order (what json() serialises). */
  jsonValue(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: this.id,
      runId: this.runId,
      name: this.name,
      timestamp: this.timestamp,
      batchId: this.batchId,
      batchDuration: this.batchDuration,
      numInputRows: this.numInputRows,
    };
    putRate(out, 'inputRowsPerSecond', this.inputRowsPerSecond);
    putRate(out, 'processedRowsPerSecond', this.processedRowsPerSecond);
    putMap(out, 'durationMs', this.durationMs);
    putMap(out, 'eventTime', this.eventTime);
    out.stateOperators = this.stateOperators.map(({ customMetrics, ...s }) => {
      const o: Record<string, unknown> = { ...s };
      if (customMetrics) putMap(o, 'customMetrics', customMetrics);
      return o;
    });
    out.sources = this.sources.map((s) => {
      const o: Record<string, unknown> = {
        description: s.description,
        startOffset: s.startOffset,
        endOffset: s.endOffset,
        latestOffset: s.latestOffset,
        numInputRows: s.numInputRows,
      };
      putRate(o, 'inputRowsPerSecond', s.inputRowsPerSecond);
      putRate(o, 'processedRowsPerSecond', s.processedRowsPerSecond);
      return o;
    });
    out.sink = { ...this.sink };
    return out;
  }

  json(): string {
    return JSON.stringify(this.jsonValue());
  }

  prettyJson(): string {
    return renderJson4s(this.jsonValue(), '');
  }

  toString(): string {
    return this.prettyJson();
  }

  toJSON(): Record<string, unknown> {
    return this.jsonValue();
  }
}

function putRate(out: Record<string, unknown>, key: string, value: number): void {
  if (Number.isFinite(value)) out[key] = value;
}

function putMap(out: Record<string, unknown>, key: string, map: Record<string, unknown>): void {
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return;
  const sorted: Record<string, unknown> = {};
  for (const k of keys) sorted[k] = map[k];
  out[key] = sorted;
}

/** json4s pretty style: two-space indent, `" : "`, `[ {` for arrays of objects, `[ ]` when empty. */
function renderJson4s(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => renderJson4s(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = indent + '  ';
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${JSON.stringify(k)} : ${renderJson4s(v, inner)}`);
    return entries.length === 0 ? '{ }' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
