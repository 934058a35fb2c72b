// StreamingQueryProgress with Spark's field names and order; `json()`/`prettyJson()` render as
// Spark's json4s output (maps sorted and omitted when empty, NaN rates omitted).

import { pythonJsonDumps } from '../util/python-json';

type JsonObject = Record<string, unknown>;

function parseJsonArg(json: string | JsonObject): JsonObject {
  return typeof json === 'string' ? (JSON.parse(json) as JsonObject) : json;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * The metric maps are properties, but not enumerable ones: spreading or comparing a progress part
 * as a plain object sees the fields Rivulet has always reported.
 */
function hidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
}

/** What every part of a progress report renders: JSON as Spark's json4s writes it. */
abstract class ProgressPart {
  abstract jsonValue(): JsonObject;

  json(): string {
    return JSON.stringify(this.jsonValue());
  }

  prettyJson(): string {
    return renderJson4s(this.jsonValue(), '');
  }

  toJSON(): JsonObject {
    return this.jsonValue();
  }

  toString(): string {
    return this.prettyJson();
  }

  /** console.log shows the pretty JSON, as PySpark's print (its __repr__ is prettyJson). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.prettyJson();
  }
}

/**
 * Spark's SourceProgress: one source's part of a trigger. As in PySpark 4, `startOffset`,
 * `endOffset` and `latestOffset` are JSON text (Python's json.dumps of the offsets, "null" when
 * there is none); `json()` and `JSON.stringify` keep the offsets themselves, as Spark's JSON.
 */
export class SourceProgress extends ProgressPart {
  readonly startOffset: string;
  readonly endOffset: string;
  readonly latestOffset: string;

  constructor(
    readonly description: string,
    startOffset: unknown,
    endOffset: unknown,
    latestOffset: unknown,
    readonly numInputRows: number,
    readonly inputRowsPerSecond: number,
    readonly processedRowsPerSecond: number,
    /** Source-specific metrics (Kafka's avgOffsetsBehindLatest...), strings as in Spark. */
    metrics: Record<string, string> = {},
  ) {
    super();
    this.startOffset = offsetText(startOffset);
    this.endOffset = offsetText(endOffset);
    this.latestOffset = offsetText(latestOffset);
    hidden(this, 'offsets', [startOffset, endOffset, latestOffset]);
    hidden(this, 'metrics', metrics);
  }

  declare readonly metrics: Record<string, string>;
  declare private readonly offsets: [unknown, unknown, unknown];

  static fromJson(json: string | JsonObject): SourceProgress {
    const j = parseJsonArg(json);
    return new SourceProgress(
      String(j.description),
      j.startOffset ?? null,
      j.endOffset ?? null,
      j.latestOffset ?? null,
      numberOr(j.numInputRows, 0),
      numberOr(j.inputRowsPerSecond, NaN),
      numberOr(j.processedRowsPerSecond, NaN),
      (j.metrics as Record<string, string> | undefined) ?? {},
    );
  }

  jsonValue(): JsonObject {
    const o: JsonObject = {
      description: this.description,
      startOffset: this.offsets[0],
      endOffset: this.offsets[1],
      latestOffset: this.offsets[2],
      numInputRows: this.numInputRows,
    };
    putRate(o, 'inputRowsPerSecond', this.inputRowsPerSecond);
    putRate(o, 'processedRowsPerSecond', this.processedRowsPerSecond);
    putMap(o, 'metrics', this.metrics);
    return o;
  }
}

/** PySpark 4's offset text: a string offset as it is, anything else through json.dumps. */
function offsetText(offset: unknown): string {
  return typeof offset === 'string' ? offset : pythonJsonDumps(offset ?? null);
}

/** Spark's SinkProgress. */
export class SinkProgress extends ProgressPart {
  constructor(
    readonly description: string,
    readonly numOutputRows: number,
    metrics: Record<string, string> = {},
  ) {
    super();
    hidden(this, 'metrics', metrics);
  }

  declare readonly metrics: Record<string, string>;

  static fromJson(json: string | JsonObject): SinkProgress {
    const j = parseJsonArg(json);
    return new SinkProgress(String(j.description), numberOr(j.numOutputRows, -1), (j.metrics as Record<string, string> | undefined) ?? {});
  }

  jsonValue(): JsonObject {
    const o: JsonObject = { description: this.description, numOutputRows: this.numOutputRows };
    putMap(o, 'metrics', this.metrics);
    return o;
  }
}

/** Spark's StateOperatorProgress: one stateful operator's state in a trigger. */
export class StateOperatorProgress extends ProgressPart {
  constructor(
    readonly operatorName: string,
    readonly numRowsTotal: number,
    readonly numRowsUpdated: number,
    readonly allUpdatesTimeMs: number,
    readonly numRowsRemoved: number,
    readonly allRemovalsTimeMs: number,
    readonly commitTimeMs: number,
    readonly memoryUsedBytes: number,
    readonly numRowsDroppedByWatermark: number,
    readonly numShufflePartitions: number,
    readonly numStateStoreInstances: number,
    /** Provider-specific metrics (Spark's state store custom metrics); omitted from JSON when empty. */
    customMetrics: Record<string, number> = {},
  ) {
    super();
    hidden(this, 'customMetrics', customMetrics);
  }

  declare readonly customMetrics: Record<string, number>;

  static fromJson(json: string | JsonObject): StateOperatorProgress {
    const j = parseJsonArg(json);
    const n = (k: string) => numberOr(j[k], 0);
    return new StateOperatorProgress(
      String(j.operatorName),
      n('numRowsTotal'),
      n('numRowsUpdated'),
      n('allUpdatesTimeMs'),
      n('numRowsRemoved'),
      n('allRemovalsTimeMs'),
      n('commitTimeMs'),
      n('memoryUsedBytes'),
      n('numRowsDroppedByWatermark'),
      n('numShufflePartitions'),
      n('numStateStoreInstances'),
      (j.customMetrics as Record<string, number> | undefined) ?? {},
    );
  }

  jsonValue(): JsonObject {
    const o: JsonObject = {
      operatorName: this.operatorName,
      numRowsTotal: this.numRowsTotal,
      numRowsUpdated: this.numRowsUpdated,
      allUpdatesTimeMs: this.allUpdatesTimeMs,
      numRowsRemoved: this.numRowsRemoved,
      allRemovalsTimeMs: this.allRemovalsTimeMs,
      commitTimeMs: this.commitTimeMs,
      memoryUsedBytes: this.memoryUsedBytes,
      numRowsDroppedByWatermark: this.numRowsDroppedByWatermark,
      numShufflePartitions: this.numShufflePartitions,
      numStateStoreInstances: this.numStateStoreInstances,
    };
    putMap(o, 'customMetrics', this.customMetrics);
    return o;
  }
}

/** A row of observed metrics as progress holds it: named values (a Row for users). */
export interface ObservedMetricsRow {
  asDict(): Record<string, unknown>;
}

/** Plain-object forms the constructor also accepts (tools and tests build progress by hand). */
type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };
export type StateOperatorProgressInit = Omit<Fields<StateOperatorProgress>, 'customMetrics'> & { customMetrics?: Record<string, number> };
/** A source's part as the engine reports it: the offsets themselves (SourceProgress renders their text). */
export type SourceProgressInit = Omit<Fields<SourceProgress>, 'metrics' | 'startOffset' | 'endOffset' | 'latestOffset'> & {
  startOffset: unknown;
  endOffset: unknown;
  latestOffset: unknown;
  metrics?: Record<string, string>;
};
export type SinkProgressInit = Omit<Fields<SinkProgress>, 'metrics'> & { metrics?: Record<string, string> };

export class StreamingQueryProgress {
  readonly stateOperators: StateOperatorProgress[];
  readonly sources: SourceProgress[];
  readonly sink: SinkProgress;

  constructor(
    readonly id: string,
    readonly runId: string,
    readonly name: string | null,
    readonly timestamp: string,
    readonly batchId: number,
    readonly batchDuration: number,
    readonly durationMs: Record<string, number>,
    readonly eventTime: Record<string, string>,
    stateOperators: readonly (StateOperatorProgress | StateOperatorProgressInit)[],
    sources: readonly (SourceProgress | SourceProgressInit)[],
    sink: SinkProgress | SinkProgressInit,
    /** df.observe metrics of this batch, by observation name (Rows); omitted from JSON when empty. */
    readonly observedMetrics: Record<string, ObservedMetricsRow> = {},
  ) {
    this.stateOperators = stateOperators.map((s) => (s instanceof StateOperatorProgress ? s : StateOperatorProgress.fromJson(s as unknown as JsonObject)));
    this.sources = sources.map((s) => (s instanceof SourceProgress ? s : SourceProgress.fromJson(s as unknown as JsonObject)));
    this.sink = sink instanceof SinkProgress ? sink : SinkProgress.fromJson(sink as unknown as JsonObject);
  }

  /** Parses what json() wrote (observed metrics come back as plain objects with asDict()). */
  static fromJson(json: string | JsonObject): StreamingQueryProgress {
    const j = parseJsonArg(json);
    const observed: Record<string, ObservedMetricsRow> = {};
    for (const [k, v] of Object.entries((j.observedMetrics as Record<string, JsonObject> | undefined) ?? {})) {
      const values = { ...v };
      observed[k] = Object.assign(Object.create({ asDict: () => ({ ...values }) }) as ObservedMetricsRow, values);
    }
    return new StreamingQueryProgress(
      String(j.id),
      String(j.runId),
      (j.name as string | null | undefined) ?? null,
      String(j.timestamp),
      numberOr(j.batchId, 0),
      numberOr(j.batchDuration, 0),
      (j.durationMs as Record<string, number> | undefined) ?? {},
      (j.eventTime as Record<string, string> | undefined) ?? {},
      ((j.stateOperators as JsonObject[] | undefined) ?? []).map((s) => StateOperatorProgress.fromJson(s)),
      ((j.sources as JsonObject[] | undefined) ?? []).map((s) => SourceProgress.fromJson(s)),
      SinkProgress.fromJson((j.sink as JsonObject | undefined) ?? { description: '', numOutputRows: -1 }),
      observed,
    );
  }

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
    out.stateOperators = this.stateOperators.map((s) => s.jsonValue());
    out.sources = this.sources.map((s) => s.jsonValue());
    out.sink = this.sink.jsonValue();
    const observed: Record<string, unknown> = {};
    for (const [k, row] of Object.entries(this.observedMetrics)) observed[k] = jsonSafe(row.asDict());
    putMap(out, 'observedMetrics', observed);
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

  /** console.log shows the pretty JSON, as PySpark's print (its __repr__ is prettyJson). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.prettyJson();
  }

  toJSON(): Record<string, unknown> {
    return this.jsonValue();
  }
}

/** Row values as JSON numbers/strings (LONG metrics may be bigint). */
function jsonSafe(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v !== null && typeof v === 'object' && 'toString' in v && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype ? String(v) : v;
  return out;
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
