// Spark 4's `ToStringBase`: the text of one value, in two flavours.
// - `show()` (ToPrettyString): nulls print "NULL" at every nesting level, binary as hex bytes,
//   decimals in plain notation.
// - CAST(x AS STRING) (Cast): nested nulls print "null", binary decodes as UTF-8, decimals are
//   plain in ANSI mode and Java's BigDecimal.toString (may use an exponent) otherwise.
// Both use "{}" for structs and maps, "[]" for arrays. Build a formatter once per column with
// `prettyStringFormatter` / `castStringFormatter` when rendering many values.
import {
  ArrayType,
  DataType,
  DecimalType,
  MapType,
  type CalendarInterval,
} from './data-types';
import type { StructType } from './struct-type';
import { Decimal, toDecimal } from './decimal';
import { AnsiIntervalType, DayTimeIntervalType, YearMonthIntervalType } from './interval-types';
import { formatDate, formatTimestamp } from './datetime';
import { TimestampNanosType, formatTimestampNanos } from './timestamp-nanos-types';
import { utcOffset, zoneOffsetFunction } from './time-zone';

export type PrettyFormatter = (value: unknown) => string;

/** How a value family renders: the show() flavour or the cast-to-string flavour. */
export interface ToStringStyle {
  /** Text of a null nested in an array, map value or struct field. */
  nullString: string;
  /** `hex` "[0A 0B]" (show) or `utf8` decoding (cast). */
  binary: 'hex' | 'utf8';
  /** `plain` (toPlainString) or `java` (BigDecimal.toString, exponent below 1E-6). */
  decimal: 'plain' | 'java';
}

const PRETTY_STYLE: ToStringStyle = { nullString: 'NULL', binary: 'hex', decimal: 'plain' };

/** Text of `value` (of type `dataType`) exactly as Spark's `show()` renders it. */
export function toPrettyString(value: unknown, dataType: DataType, timeZone: string): string {
  return prettyStringFormatter(dataType, timeZone)(value);
}

/** A reusable formatter for one data type; null/undefined render as "NULL". */
export function prettyStringFormatter(dataType: DataType, timeZone: string): PrettyFormatter {
  return styledFormatter(dataType, timeZone, PRETTY_STYLE);
}

/**
 * CAST(value AS STRING) for non-null values of `dataType`: nested nulls print "null",
 * binary is decoded as UTF-8, decimals are plain when `ansi` and Java's toString otherwise.
 */
export function castStringFormatter(dataType: DataType, timeZone: string, ansi: boolean): PrettyFormatter {
  return nonNullFormatter(dataType, timeZone, { nullString: 'null', binary: 'utf8', decimal: ansi ? 'plain' : 'java' });
}

function styledFormatter(dataType: DataType, timeZone: string, style: ToStringStyle): PrettyFormatter {
  const format = nonNullFormatter(dataType, timeZone, style);
  const nullString = style.nullString;
  return (value) => (value === null || value === undefined ? nullString : format(value));
}

function nonNullFormatter(dataType: DataType, timeZone: string, style: ToStringStyle): PrettyFormatter {
  if (dataType instanceof ArrayType) return arrayFormatter(styledFormatter(dataType.elementType, timeZone, style));
  if (dataType instanceof MapType) {
    return mapFormatter(styledFormatter(dataType.keyType, timeZone, style), styledFormatter(dataType.valueType, timeZone, style));
  }
  if (dataType instanceof DecimalType) {
    const scale = dataType.scale;
    return style.decimal === 'plain' ? (v) => decimalPlainString(v, scale) : (v) => decimalJavaString(v, scale);
  }
  if (dataType instanceof YearMonthIntervalType) {
    const { startField, endField } = dataType;
    return (v) => yearMonthIntervalString(Number(v), startField, endField);
  }
  if (dataType instanceof DayTimeIntervalType) {
    const { startField, endField } = dataType;
    return (v) => dayTimeIntervalString(toBigInt(v), startField, endField);
  }
  if (dataType instanceof AnsiIntervalType) return (v) => String(v);
  if (dataType instanceof TimestampNanosType) {
    const offsetAt = dataType.ntz ? utcOffset : zoneOffsetFunction(timeZone);
    return (v) => formatTimestampNanos(toBigInt(v), offsetAt);
  }
  switch (dataType.typeName()) {
    case 'struct':
      return structFormatter(dataType as StructType, timeZone, style);
    case 'string':
      return (v) => String(v);
    case 'boolean':
      return (v) => (v ? 'true' : 'false');
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return integralString;
    case 'double':
      return (v) => javaDoubleToString(Number(v));
    case 'float':
      return (v) => javaFloatToString(Number(v));
    case 'binary':
      return style.binary === 'hex' ? hexString : utf8String;
    case 'date':
      return (v) => formatDate(Number(v));
    case 'timestamp': {
      const offsetAt = zoneOffsetFunction(timeZone);
      return (v) => formatTimestamp(toMicros(v), offsetAt);
    }
    case 'timestamp_ntz':
      // Spark formats NTZ values with a UTC formatter: no zone shift.
      return (v) => formatTimestamp(toMicros(v), utcOffset);
    case 'interval':
      return (v) => calendarIntervalString(v as CalendarInterval);
    default:
      return (v) => String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Collections: "[a, b]", "{k1 -> v1, k2 -> v2}", "{v1, v2}".

function arrayFormatter(element: PrettyFormatter): PrettyFormatter {
  return (v) => {
    const items = Array.isArray(v) ? v : Array.from(v as Iterable<unknown>);
    return `[${items.map(element).join(', ')}]`;
  };
}

function mapFormatter(key: PrettyFormatter, value: PrettyFormatter): PrettyFormatter {
  return (v) => {
    const entries: Iterable<readonly [unknown, unknown]> =
      v instanceof Map ? v.entries() : Array.isArray(v) ? (v as [unknown, unknown][]) : Object.entries(v as object);
    const out: string[] = [];
    for (const [k, val] of entries) out.push(`${key(k)} -> ${value(val)}`);
    return `{${out.join(', ')}}`;
  };
}

function structFormatter(type: StructType, timeZone: string, style: ToStringStyle): PrettyFormatter {
  const fields = type.fields;
  const formats = fields.map((f) => styledFormatter(f.dataType, timeZone, style));
  return (v) => {
    let values: readonly unknown[];
    if (Array.isArray(v)) values = v;
    else if (v !== null && typeof v === 'object' && Symbol.iterator in v) values = Array.from(v as Iterable<unknown>);
    else values = fields.map((f) => (v as Record<string, unknown>)[f.name]); // plain object keyed by field name
    const out = new Array<string>(formats.length);
    for (let i = 0; i < formats.length; i++) out[i] = formats[i](values[i]);
    return `{${out.join(', ')}}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Scalars.

function integralString(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  const n = Number(v);
  // Large longs that arrive as numbers must not print in exponent form.
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.trunc(n)).toString();
}

const HEX_DIGITS = '0123456789ABCDEF';

/** Spark 4 default binary style: upper-case hex bytes separated by spaces, in brackets. */
function hexString(v: unknown): string {
  const bytes = v as ArrayLike<number>;
  const out = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    out[i] = HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  }
  return `[${out.join(' ')}]`;
}

const utf8 = new TextDecoder();

function utf8String(v: unknown): string {
  return utf8.decode(v as Uint8Array);
}

/** Java's BigDecimal.toString of a decimal held at the type's scale. */
function decimalJavaString(v: unknown, scale: number): string {
  const d = toDecimal(v);
  return (d.scale < scale ? d.setScale(scale) : d).toJavaString();
}

/** `Decimal.toPlainString`: plain notation carrying the type's scale. */
function decimalPlainString(v: unknown, scale: number): string {
  let text: string;
  if (v instanceof Decimal) {
    text = v.toPlainString();
  } else if (typeof v === 'object' && v !== null && typeof (v as { toPlainString?: unknown }).toPlainString === 'function') {
    text = (v as { toPlainString(): string }).toPlainString();
  } else if (typeof v === 'bigint') {
    text = v.toString();
  } else {
    text = String(v);
  }
  text = expandExponent(text.trim());
  // A Spark decimal always holds exactly `scale` fraction digits ("1.50" for decimal(10,2)).
  const dot = text.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : text.length - dot - 1;
  if (fractionDigits < scale) text = (dot < 0 ? `${text}.` : text) + '0'.repeat(scale - fractionDigits);
  return text;
}

/** "1.5E+3" -> "1500", "-2e-3" -> "-0.002"; plain input is returned unchanged. */
function expandExponent(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  const sign = m[1] === '-' ? '-' : '';
  const intDigits = m[2];
  const fracDigits = m[3] ?? '';
  const point = intDigits.length + Number(m[4]); // position of the decimal point in all digits
  const all = intDigits + fracDigits;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + all;
  } else if (point >= all.length) {
    intPart = all + '0'.repeat(point - all.length);
    fracPart = '';
  } else {
    intPart = all.slice(0, point);
    fracPart = all.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  return sign + intPart + (fracPart ? `.${fracPart}` : '');
}

// ---------------------------------------------------------------------------------------------
// Java's Double.toString / Float.toString (JDK 19+ shortest-decimal specification).

/** `java.lang.Double.toString(x)`. */
export function javaDoubleToString(x: number): string {
  const special = nonFiniteOrZero(x);
  if (special !== undefined) return special;
  const abs = Math.abs(x);
  let [digits, exp] = parseExponential(abs.toExponential());
  if (digits.length === 1) {
    // Java may pick a 2-digit decimal when it is closer to x (4.9E-324, not 5.0E-324).
    const two = abs.toExponential(1);
    if (Number(two) === abs) [digits, exp] = parseExponential(two);
  }
  return renderJava(x < 0, digits, exp);
}

/** `java.lang.Float.toString(x)`; `x` is widened to float32 first. */
export function javaFloatToString(x: number): string {
  const f = Math.fround(x);
  const special = nonFiniteOrZero(f);
  if (special !== undefined) return special;
  const abs = Math.abs(f);
  let [digits, exp] = shortestFloatDigits(abs);
  if (digits.length === 1) {
    const two = abs.toExponential(1);
    if (Math.fround(Number(two)) === abs) [digits, exp] = parseExponential(two);
  }
  return renderJava(f < 0, digits, exp);
}

function nonFiniteOrZero(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  return undefined;
}

/** Shortest significant digits that read back as the same float32. */
function shortestFloatDigits(f: number): [string, number] {
  for (let p = 1; p < 9; p++) {
    const nearest = f.toExponential(p - 1);
    if (Math.fround(Number(nearest)) === f) return parseExponential(nearest);
    // Just above a power of two the rounding interval is lopsided: a neighbour may fit.
    const [digits, exp] = parseExponential(nearest);
    const base = Number(digits.padEnd(p, '0'));
    for (const candidate of [base + 1, base - 1]) {
      const text = `${candidate}e${exp - p + 1}`;
      if (candidate > 0 && Math.fround(Number(text)) === f) return parseExponential(Number(text).toExponential());
    }
  }
  return parseExponential(f.toExponential(8));
}

/** "1.2345e+2" -> ["12345", 2] with trailing zeros of the digits removed. */
function parseExponential(text: string): [string, number] {
  const e = text.indexOf('e');
  const mantissa = text.slice(0, e).replace('.', '');
  const digits = mantissa.replace(/0+$/, '') || '0';
  return [digits, Number(text.slice(e + 1))];
}

/** Java layout: plain for 1e-3 <= |x| < 1e7, else "d.dddE<exp>"; always one fraction digit. */
function renderJava(negative: boolean, digits: string, exp: number): string {
  let body: string;
  if (exp >= -3 && exp < 7) {
    if (exp >= 0) {
      const intLen = exp + 1;
      body = digits.length > intLen
        ? `${digits.slice(0, intLen)}.${digits.slice(intLen)}`
        : `${digits.padEnd(intLen, '0')}.0`;
    } else {
      body = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    body = `${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}E${exp}`;
  }
  return negative ? `-${body}` : body;
}

// ---------------------------------------------------------------------------------------------
// Timestamps arrive as bigint micros; tolerate numbers and Dates from hand-built rows.

function toMicros(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof Date) return BigInt(v.getTime()) * 1000n;
  return BigInt(Math.trunc(Number(v)));
}

function toBigInt(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
}

// ---------------------------------------------------------------------------------------------
// ANSI intervals, IntervalUtils' ANSI_STYLE: INTERVAL '1-2' YEAR TO MONTH,
// INTERVAL '1 02:03:04.5' DAY TO SECOND, INTERVAL '-10' HOUR.

const YM_NAMES = ['YEAR', 'MONTH'];
const DT_NAMES = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

/** Spark's `toYearMonthIntervalString(months, ANSI_STYLE, start, end)`. */
export function yearMonthIntervalString(months: number, startField: number, endField: number): string {
  const sign = months < 0 ? '-' : '';
  const absMonths = Math.abs(months);
  const year = `${sign}${Math.floor(absMonths / 12)}`;
  let value: string;
  if (startField !== endField) value = `${year}-${absMonths % 12}`;
  else value = startField === 0 ? year : String(months);
  const unit = startField === endField ? YM_NAMES[startField] : `${YM_NAMES[startField]} TO ${YM_NAMES[endField]}`;
  return `INTERVAL '${value}' ${unit}`;
}

const US_PER_DAY = 86_400_000_000n;
const US_PER_HOUR = 3_600_000_000n;
const US_PER_MINUTE = 60_000_000n;
const US_PER_SECOND = 1_000_000n;
const LONG_MIN = -(2n ** 63n);

function pad2n(v: bigint): string {
  return v < 10n ? `0${v}` : String(v);
}

/** Seconds with leading zero below 10 and the fraction's trailing zeros stripped: "05.5". */
function secondsText(micros: bigint): string {
  const whole = micros / US_PER_SECOND;
  const fraction = (micros % US_PER_SECOND).toString().padStart(6, '0').replace(/0+$/, '');
  return `${micros < 10n * US_PER_SECOND ? '0' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Spark's `toDayTimeIntervalString(micros, ANSI_STYLE, start, end)`. */
export function dayTimeIntervalString(micros: bigint, startField: number, endField: number): string {
  const unit = startField === endField ? DT_NAMES[startField] : `${DT_NAMES[startField]} TO ${DT_NAMES[endField]}`;
  if (micros === LONG_MIN) {
    // -Long.MinValue overflows: Spark spells this one value out.
    const base = '-106751991 04:00:54.775808000';
    const first = ['-106751991', '-2562047788', '-153722867280', '-9223372036854.775808'][startField];
    const following = startField === endField ? '' : base.substring([10, 13, 16][startField], [0, 13, 16, 26][endField]);
    return `INTERVAL '${first}${following}' ${unit}`;
  }
  let sign = '';
  let rest = micros;
  if (rest < 0n) {
    sign = '-';
    rest = -rest;
  }
  let text = sign;
  switch (startField) {
    case 0:
      text += String(rest / US_PER_DAY);
      rest %= US_PER_DAY;
      break;
    case 1:
      text += pad2n(rest / US_PER_HOUR);
      rest %= US_PER_HOUR;
      break;
    case 2:
      text += pad2n(rest / US_PER_MINUTE);
      rest %= US_PER_MINUTE;
      break;
    default:
      text += secondsText(rest);
      break;
  }
  if (startField < 1 && endField >= 1) {
    text += ` ${pad2n(rest / US_PER_HOUR)}`;
    rest %= US_PER_HOUR;
  }
  if (startField < 2 && endField >= 2) {
    text += `:${pad2n(rest / US_PER_MINUTE)}`;
    rest %= US_PER_MINUTE;
  }
  if (startField < 3 && endField >= 3) text += `:${secondsText(rest)}`;
  return `INTERVAL '${text}' ${unit}`;
}

// ---------------------------------------------------------------------------------------------
// CalendarInterval.toString: "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds".

const MICROS_PER_HOUR = 3_600_000_000n;
const MICROS_PER_MINUTE = 60_000_000n;

function calendarIntervalString(interval: CalendarInterval): string {
  const months = Math.trunc(interval.months);
  const days = Math.trunc(interval.days);
  const micros = BigInt(interval.microseconds);
  if (months === 0 && days === 0 && micros === 0n) return '0 seconds';
  const parts: string[] = [];
  const unit = (value: number | bigint, name: string): void => {
    if (value !== 0 && value !== 0n) parts.push(`${value} ${name}`);
  };
  if (months !== 0) {
    unit(Math.trunc(months / 12), 'years');
    unit(months % 12, 'months');
  }
  unit(days, 'days');
  if (micros !== 0n) {
    unit(micros / MICROS_PER_HOUR, 'hours');
    let rest = micros % MICROS_PER_HOUR;
    unit(rest / MICROS_PER_MINUTE, 'minutes');
    rest %= MICROS_PER_MINUTE;
    if (rest !== 0n) parts.push(`${microsAsSeconds(rest)} seconds`);
  }
  return parts.join(' ');
}

/** BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString(). */
function microsAsSeconds(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
