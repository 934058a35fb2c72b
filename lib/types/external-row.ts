// The one boundary where engine values become what a user holds: collect/take/head/first/
// toLocalIterator, foreach, foreachBatch's DataFrames and the memory sink's table (both through
// collect) all go through `toExternalRows`. The mapping, type by type (docs/guides/value-types.md):
//   LONG -> number (an error, never rounding, beyond Number.MAX_SAFE_INTEGER), or bigint when
//           the session conf rivulet.values.longAsBigInt is true
//   TIMESTAMP -> Timestamp (a Date keeping its microseconds); TIMESTAMP_NTZ -> PlainDateTime;
//   DATE -> PlainDate; DECIMAL -> Decimal; BINARY -> Buffer; ARRAY -> array; MAP -> Map;
//   STRUCT -> Row, at every depth. Other types keep their engine value (numbers, strings...).
import { ArrayType, BinaryType, DataType, DateType, DecimalType, LongType, MapType, TimestampNTZType, TimestampType } from './data-types';
import { Row } from './row';
import { StructType } from './struct-type';
import { Timestamp } from './timestamp-value';
import { PlainDate } from './plain-date';
import { PlainDateTime } from './plain-date-time';
import { toDecimal } from './decimal';
import { SparkException } from '../errors/spark-exception';

/** Session conf: "true" gives every LONG as a bigint (as better-sqlite3's safeIntegers). */
export const LONG_AS_BIGINT_CONF = 'rivulet.values.longAsBigInt';

export interface ExternalValueOptions {
  longAsBigInt: boolean;
}

const DEFAULT_OPTIONS: ExternalValueOptions = { longAsBigInt: false };

/** The options a session's conf asks for. */
export function externalValueOptions(confGet: (key: string) => string | undefined): ExternalValueOptions {
  return { longAsBigInt: (confGet(LONG_AS_BIGINT_CONF) ?? 'false').trim().toLowerCase() === 'true' };
}

type Converter = (value: unknown) => unknown;

export function toExternalRows(schema: StructType, rows: readonly unknown[][], options: ExternalValueOptions = DEFAULT_OPTIONS): Row[] {
  const names = schema.fieldNames();
  const converters = schema.fields.map((f) => converterFor(f.dataType, f.name, options));
  const width = converters.length;
  const out = new Array<Row>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const values = new Array<unknown>(width);
    for (let i = 0; i < width; i++) {
      const v = row[i];
      const c = converters[i];
      values[i] = v === null || v === undefined ? null : c === undefined ? v : c(v);
    }
    out[r] = Row.fromValues(names, values);
  }
  return out;
}

/** One engine value of `type` as a user gets it (`path` names it in errors). */
export function toExternalValue(value: unknown, type: DataType, path: string, options: ExternalValueOptions = DEFAULT_OPTIONS): unknown {
  if (value === null || value === undefined) return null;
  const c = converterFor(type, path, options);
  return c === undefined ? value : c(value);
}

/** A converter for values of `type`, or undefined when engine values are already user values. */
function converterFor(type: DataType, path: string, options: ExternalValueOptions): Converter | undefined {
  if (type instanceof LongType) return options.longAsBigInt ? longToBigInt : (v) => longToNumber(v, path);
  if (type instanceof TimestampType) return (v) => timestampValue(v as bigint, path);
  if (type instanceof TimestampNTZType) return (v) => PlainDateTime.fromEpochMicros(v as bigint);
  if (type instanceof DateType) return (v) => PlainDate.fromEpochDay(v as number);
  if (type instanceof DecimalType) return toDecimal;
  if (type instanceof BinaryType) return binaryValue;
  if (type instanceof StructType) {
    const names = type.fieldNames();
    const inner = type.fields.map((f) => converterFor(f.dataType, `${path}.${f.name}`, options));
    return (v) => Row.fromValues(names, (v as unknown[]).map((x, i) => (x === null || x === undefined ? null : inner[i] === undefined ? x : inner[i]!(x))));
  }
  if (type instanceof ArrayType) {
    const element = converterFor(type.elementType, `${path}[]`, options);
    return element === undefined ? undefined : (v) => (v as unknown[]).map((x) => (x === null || x === undefined ? null : element(x)));
  }
  if (type instanceof MapType) {
    const key = converterFor(type.keyType, `${path}.key`, options);
    const value = converterFor(type.valueType, `${path}.value`, options);
    if (key === undefined && value === undefined) return undefined;
    return (v) => {
      const out = new Map<unknown, unknown>();
      for (const [k, x] of v as Map<unknown, unknown>) out.set(key ? key(k) : k, value && x !== null && x !== undefined ? value(x) : x);
      return out;
    };
  }
  return undefined;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function longToNumber(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  const b = v as bigint;
  if (b > MAX_SAFE || b < -MAX_SAFE) throw longNotSafeError(b, path);
  return Number(b);
}

function longToBigInt(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

function longNotSafeError(value: bigint, path: string): SparkException {
  return new SparkException(
    `The BIGINT value ${value} of \`${path}\` is not a safe JavaScript integer (beyond ±${Number.MAX_SAFE_INTEGER}), so it cannot be given as a number without rounding. Set the session conf "${LONG_AS_BIGINT_CONF}" to "true" to receive every BIGINT as a bigint, or cast the column to STRING or DECIMAL(20,0).`,
    { errorClass: 'RIVULET_LONG_NOT_SAFE_INTEGER', sqlState: '22003', messageParameters: { value: String(value), field: path, conf: LONG_AS_BIGINT_CONF } },
  );
}

// A JS Date spans ±8.64e15 ms (±273,790 years); Spark's TIMESTAMP spans ±292,277 years.
const MAX_DATE_MICROS = 8_640_000_000_000_000_000n;

function timestampValue(micros: bigint, path: string): Timestamp {
  if (micros > MAX_DATE_MICROS || micros < -MAX_DATE_MICROS) {
    throw new SparkException(`The TIMESTAMP value of \`${path}\` (${micros} microseconds since the epoch) is outside the range of a JavaScript Date; cast it to STRING to read it.`, {
      errorClass: 'RIVULET_TIMESTAMP_OUT_OF_DATE_RANGE',
      sqlState: '22008',
      messageParameters: { field: path, value: String(micros) },
    });
  }
  return Timestamp.fromEpochMicros(micros);
}

/** A Buffer of its own: the user may change it without touching engine rows. */
function binaryValue(v: unknown): Buffer {
  const bytes = v as Uint8Array;
  return Buffer.from(bytes);
}
