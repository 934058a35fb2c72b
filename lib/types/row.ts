import { inspect } from 'node:util';
import { callableClass } from '../util/callable-class';
import { Decimal } from './decimal';
import { Timestamp } from './timestamp-value';
import { PlainDate } from './plain-date';
import { PlainDateTime } from './plain-date-time';
import { PySparkValueError } from '../errors/illegal-argument-exception';

/**
 * pyspark.sql.Row: what `collect()` returns. Fields are own enumerable properties (`row.word`),
 * positions are readable as `row[0]`, and `asDict()` gives a plain object. Rows compare with
 * jest's `toEqual` against plain objects.
 *
 * `Row({ word: 'spark', count: 2 })` is PySpark's `Row(word='spark', count=2)`; `Row('x', 1)`
 * is a row of values without names. A field whose name is a method or an Object.prototype member
 * (`asDict`, `toJSON`, `length`, `constructor`, `__proto__`...) or a position ("0") is not made a
 * property, so it never shadows a method or changes a prototype: read it with `asDict()` or by
 * position.
 */
class RowImpl {
  [field: string]: unknown;

  constructor(...args: unknown[]) {
    if (args.length === 1 && isPlainObject(args[0])) {
      const fields = args[0];
      const names = Object.keys(fields);
      defineRow(this, names, names.map((n) => fields[n]));
    } else {
      defineRow(this, undefined, args);
    }
  }

  /** Internal: build a row from parallel arrays (duplicate names allowed, as in Spark). */
  static fromValues(names: readonly string[], values: readonly unknown[]): Row {
    const row = Object.create(RowImpl.prototype) as RowImpl;
    defineRow(row, names, values);
    return row;
  }

  asDict(recursive = false): Record<string, unknown> {
    const names = this.__fields__ as string[] | undefined;
    if (names === undefined) throw new PySparkValueError('CANNOT_CONVERT_TYPE', 'Cannot convert a Row class into dict.');
    const out: Record<string, unknown> = {};
    const values = this.__values__ as unknown[];
    for (let i = 0; i < names.length; i++) {
      const v = values[i];
      // defineProperty, not assignment: a field named "__proto__" stays a field.
      Object.defineProperty(out, names[i], { value: recursive ? toDictValue(v) : v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /**
   * JSON of a row is its fields as an object (a row without names: its values as an array); maps
   * become objects and binary base64 text, as Spark's `to_json` writes them. Timestamps, dates
   * and decimals give their own exact JSON.
   */
  toJSON(): unknown {
    return toJsonValue(this);
  }

  get length(): number {
    return (this.__values__ as unknown[]).length;
  }

  [Symbol.iterator](): Iterator<unknown> {
    return (this.__values__ as unknown[])[Symbol.iterator]();
  }

  /** PySpark's repr: `Row(word='spark', count=2)`, or `<Row('x', 1)>` without names. */
  toString(): string {
    const names = this.__fields__ as string[] | undefined;
    const values = this.__values__ as unknown[];
    if (names === undefined) return `<Row(${values.map(reprValue).join(', ')})>`;
    return `Row(${names.map((n, i) => `${n}=${reprValue(values[i])}`).join(', ')})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === Object.prototype || proto === null;
}

/** asDict(recursive=True): Rows inside lists and dicts become dicts too, as in PySpark. */
function toDictValue(v: unknown): unknown {
  if (v instanceof RowImpl) return v.__fields__ === undefined ? [...v] : v.asDict(true);
  if (Array.isArray(v)) return v.map(toDictValue);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [toDictValue(k), toDictValue(x)]));
  return v;
}

function toJsonValue(v: unknown): unknown {
  if (v instanceof RowImpl) {
    const values = (v.__values__ as unknown[]).map(toJsonValue);
    const names = v.__fields__ as string[] | undefined;
    if (names === undefined) return values;
    const out: Record<string, unknown> = {};
    names.forEach((n, i) => Object.defineProperty(out, n, { value: values[i], enumerable: true, writable: true, configurable: true }));
    return out;
  }
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(out, String(k), { value: toJsonValue(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return v;
}

/** Names that would shadow a method or an Object.prototype member, or a position. */
function isReservedName(name: string): boolean {
  return name in RowImpl.prototype || /^(0|[1-9]\d*)$/.test(name);
}

function defineRow(row: RowImpl, names: readonly string[] | undefined, values: readonly unknown[]): void {
  if (names !== undefined) Object.defineProperty(row, '__fields__', { value: [...names], enumerable: false });
  Object.defineProperty(row, '__values__', { value: [...values], enumerable: false });
  for (let i = 0; i < values.length; i++) {
    Object.defineProperty(row, String(i), { value: values[i], enumerable: false });
  }
  if (names === undefined) return;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!Object.prototype.hasOwnProperty.call(row, name) && !isReservedName(name)) {
      Object.defineProperty(row, name, { value: values[i], enumerable: true });
    }
  }
}

/** Python's repr of a str: single quotes unless the text has a ' and no ". */
function pythonStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
  return quote === "'" ? `'${body.replace(/'/g, "\\'")}'` : `"${body}"`;
}

function reprValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return pythonStringRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof Decimal) return `Decimal('${v.toPlainString()}')`; // Python's decimal.Decimal repr
  if (v instanceof Timestamp) return `Timestamp('${v.toISOStringMicros()}')`;
  if (v instanceof PlainDate) return `PlainDate('${v}')`;
  if (v instanceof PlainDateTime) return `PlainDateTime('${v}')`;
  if (v instanceof RowImpl) return v.toString();
  if (v instanceof Uint8Array) return `<Buffer${[...v].map((b) => ` ${b.toString(16).padStart(2, '0')}`).join('')}>`;
  if (Array.isArray(v)) return `[${v.map(reprValue).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${reprValue(k)}: ${reprValue(x)}`).join(', ')}}`;
  return String(v);
}

export const Row = callableClass(RowImpl);
export type Row = RowImpl;
