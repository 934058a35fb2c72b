// What a paired scenario records besides the console sink, written byte for byte as
// oracle_support.py writes it on the Spark side: values by their Spark type, never by their
// JavaScript representation, so collected rows compare exactly with PySpark's.
import type { DataFrame, StreamingQuery } from 'rivulet';
import { StreamingContext, type SparkContext } from 'rivulet/streaming';
import { ManualClock } from 'rivulet/testing';
import {
  ArrayType, BinaryType, BooleanType, ByteType, DataType, DateType, DayTimeIntervalType, DecimalType, DoubleType,
  FloatType, IntegerType, LongType, MapType, ShortType, StringType, StructType, TimestampNTZType, TimestampType,
  YearMonthIntervalType, Decimal, PlainDate, PlainDateTime, Row, Timestamp,
} from 'rivulet/types';

const VOLATILE_PROGRESS_KEYS = new Set(['id', 'runId', 'timestamp', 'batchDuration', 'durationMs',
  'inputRowsPerSecond', 'processedRowsPerSecond', 'allUpdatesTimeMs', 'allRemovalsTimeMs', 'commitTimeMs',
  'memoryUsedBytes', 'customMetrics', 'metrics', 'observedMetrics']);

type Canonical = null | string | boolean | Canonical[] | { [name: string]: Canonical };

function double(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(x, -0)) return '-0e+0';
  return x.toExponential();
}

/** Microseconds since the epoch of a TIMESTAMP (Timestamp) or TIMESTAMP_NTZ (PlainDateTime) value. */
function epochMicros(value: unknown): bigint {
  if (value !== null && typeof value === 'object' && typeof (value as { epochMicros?: unknown }).epochMicros === 'bigint') {
    return (value as { epochMicros: bigint }).epochMicros;
  }
  if (value instanceof Date) return BigInt(value.getTime()) * 1000n;
  throw new Error(`oracle-support: unexpected timestamp value ${String(value)}`);
}

function isoMicros(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const fraction = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const text = new Date(Number(millis)).toISOString();
  return `${text.slice(0, 19)}.${fraction.toString().padStart(6, '0')}`;
}

/** A DATE is a PlainDate, whose text is already "yyyy-MM-dd". */
function isoDate(value: unknown): string {
  return String(value);
}

/**
 * What the value mapping promises a user for each type (docs/guides/value-types.md): a collected
 * value in any other JavaScript form fails the scenario, so every recorded row also checks the
 * mapping, not only the value.
 */
function checkMapping(value: unknown, type: DataType): void {
  const ok = (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) ? typeof value === 'number' && Number.isInteger(value)
    : type instanceof LongType ? (typeof value === 'number' && Number.isSafeInteger(value)) || typeof value === 'bigint'
    : type instanceof FloatType || type instanceof DoubleType ? typeof value === 'number'
    : type instanceof DecimalType ? value instanceof Decimal
    : type instanceof BooleanType ? typeof value === 'boolean'
    : type instanceof StringType ? typeof value === 'string'
    : type instanceof BinaryType ? Buffer.isBuffer(value)
    : type instanceof DateType ? value instanceof PlainDate
    : type instanceof TimestampType ? value instanceof Timestamp
    : type instanceof TimestampNTZType ? value instanceof PlainDateTime
    : type instanceof ArrayType ? Array.isArray(value)
    : type instanceof MapType ? value instanceof Map
    : type instanceof StructType ? value instanceof Row
    : true;
  if (!ok) {
    const shown = value !== null && typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;
    throw new Error(`oracle-support: a ${type.simpleString()} value came out as ${shown} (${String(value)}), not as the value mapping promises`);
  }
}

export function canonical(value: unknown, type: DataType): Canonical {
  if (value === null || value === undefined) return null;
  checkMapping(value, type);
  if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType) {
    return String(value);
  }
  if (type instanceof FloatType || type instanceof DoubleType) return double(Number(value));
  if (type instanceof DecimalType) return String(value);
  if (type instanceof BooleanType) return Boolean(value);
  if (type instanceof StringType) return String(value);
  if (type instanceof BinaryType) return Buffer.from(value as Uint8Array).toString('hex');
  if (type instanceof DateType) return isoDate(value);
  if (type instanceof TimestampType || type instanceof TimestampNTZType) return isoMicros(epochMicros(value));
  if (type instanceof DayTimeIntervalType || type instanceof YearMonthIntervalType) return String(value);
  if (type instanceof ArrayType) return (value as unknown[]).map((v) => canonical(v, type.elementType));
  if (type instanceof MapType) {
    return [...(value as Map<unknown, unknown>)].map(([k, v]) => [canonical(k, type.keyType), canonical(v, type.valueType)]);
  }
  if (type instanceof StructType) {
    const values = [...(value as Iterable<unknown>)];
    const out: { [name: string]: Canonical } = {};
    type.fields.forEach((f, i) => { out[f.name] = canonical(values[i], f.dataType); });
    return out;
  }
  return String(value);
}

async function printRows(label: string, df: DataFrame): Promise<void> {
  const schema = df.schema;
  const rows = await df.collect();
  const lines = [`@@${label} ${schema.simpleString()}`];
  for (const row of rows) {
    const values = [...(row as unknown as Iterable<unknown>)];
    lines.push(JSON.stringify(schema.fields.map((f, i) => canonical(values[i], f.dataType))));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** foreachBatch(record_batch): the batch's rows with their types. */
export function record_batch(df: DataFrame, batchId: number | bigint): Promise<void> {
  return printRows(`batch ${batchId}`, df);
}

/** The collected rows of a batch DataFrame with their types. */
export function record_rows(df: DataFrame): Promise<void> {
  return printRows('rows', df);
}

function mask(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mask);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = VOLATILE_PROGRESS_KEYS.has(k) ? '<masked>' : mask(v);
    return out;
  }
  return value;
}

/** Every progress report of the query, volatile figures masked. */
export function record_progress(query: StreamingQuery): void {
  for (const progress of query.recentProgress) {
    const plain = JSON.parse(typeof (progress as { json?: unknown }).json === 'function'
      ? (progress as unknown as { json(): string }).json()
      : JSON.stringify(progress, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
    process.stdout.write(`@@progress ${JSON.stringify(mask(plain))}\n`);
  }
}

/** Plan text without what changes from run to run (as oracle_support.py's _mask_plan). */
function maskPlan(text: string): string {
  return text
    .replace(/#\d+L?/g, '#<id>')
    .replace(/plan_id=\d+/g, 'plan_id=<id>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/@[0-9a-f]{4,}\b/g, '@<hash>')
    // Spark's temporary checkpoint folder under java.io.tmpdir: /tmp for classic PySpark, the run
    // folder of scripts/spark/connect-server.sh for the Connect server (remote mode).
    .replace(/(file:)?(\/[^/\s,\]]+)*\/temporary-[^/\s,\]]+/g, '<tmp>')
    // the batch's wall-clock timestamp (ms) that the *WithState operators print in their line
    .replace(/^.*WithState.*$/gm, (line) => line.replace(/\b1[5-9]\d{11}\b/g, '<batch timestamp>'));
}

/** What df.explain() / query.explain() prints, volatile ids masked. */
export function record_explain(target: DataFrame | StreamingQuery, extended: boolean | string = false): void {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    if (typeof extended === 'string') (target as DataFrame).explain(extended);
    else target.explain(extended);
  } finally {
    process.stdout.write = write;
  }
  process.stdout.write(`@@explain\n${maskPlan(chunks.join(''))}`);
}

// ---- DStreams on a manual clock (see oracle_support.py) ----

/** StreamingContext(sc, batchDuration) whose batches run on a ManualClock at startMs. */
export function manual_clock_streaming_context(sc: SparkContext, batchDuration: number, startMs = 0): StreamingContext {
  sc.backingSession.clock = new ManualClock(startMs);
  return new StreamingContext(sc, batchDuration);
}

/** Advances the manual clock one batch interval `count` times, each time waiting for that batch. */
export async function run_batches(ssc: StreamingContext, count: number): Promise<void> {
  const clock = ssc.sparkContext.backingSession.clock as ManualClock;
  for (let i = 0; i < count; i++) {
    await ssc.awaitIdle();
    clock.advance(ssc.batchDurationMs);
    await ssc.awaitIdle();
  }
}
