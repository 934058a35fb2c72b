// Spark 4's `ToPrettyString` (ToStringBase with nullString "NULL", "{}" brackets for structs and
// maps, plain decimals, hex binary): the text `show()` prints for one value. Nulls print "NULL"
// at every nesting level. Build a formatter once per column with `prettyStringFormatter` when
// rendering many cells; `toPrettyString` is the one-off form.
import {
  ArrayType,
  DataType,
  DecimalType,
  MapType,
  type CalendarInterval,
} from './data-types';
import type { StructType } from './struct-type';

export type PrettyFormatter = (value: unknown) => string;

const NULL_STRING = 'NULL';

/** Text of `value` (of type `dataType`) exactly as Spark's `show()` renders it. */
export function toPrettyString(value: unknown, dataType: DataType, timeZone: string): string {
  return prettyStringFormatter(dataType, timeZone)(value);
}

/** A reusable formatter for one data type; null/undefined render as "NULL". */
export function prettyStringFormatter(dataType: DataType, timeZone: string): PrettyFormatter {
  const format = nonNullFormatter(dataType, timeZone);
  return (value) => (value === null || value === undefined ? NULL_STRING : format(value));
}

function nonNullFormatter(dataType: DataType, timeZone: string): PrettyFormatter {
  if (dataType instanceof ArrayType) return arrayFormatter(prettyStringFormatter(dataType.elementType, timeZone));
  if (dataType instanceof MapType) {
    return mapFormatter(prettyStringFormatter(dataType.keyType, timeZone), prettyStringFormatter(dataType.valueType, timeZone));
  }
  if (dataType instanceof DecimalType) return (v) => decimalPlainString(v, dataType.scale);
  switch (dataType.typeName()) {
    case 'struct':
      return structFormatter(dataType as StructType, timeZone);
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
      return hexString;
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

function structFormatter(type: StructType, timeZone: string): PrettyFormatter {
  const fields = type.fields;
  const formats = fields.map((f) => prettyStringFormatter(f.dataType, timeZone));
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

/** `Decimal.toPlainString`: plain notation carrying the type's scale. */
function decimalPlainString(v: unknown, scale: number): string {
  let text: string;
  if (typeof v === 'object' && v !== null && typeof (v as { toPlainString?: unknown }).toPlainString === 'function') {
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
// Dates and timestamps: "yyyy-MM-dd" and "yyyy-MM-dd HH:mm:ss[.fraction]" (proleptic Gregorian,
// year as java.time 'uuuu': "+10000" above 9999, "-0001" before year 0).

type OffsetFunction = (epochSecond: number) => number;

const utcOffset: OffsetFunction = () => 0;

function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`;
}

function formatTimestamp(micros: bigint, offsetAt: OffsetFunction): string {
  let seconds = micros / 1_000_000n;
  let fraction = micros - seconds * 1_000_000n;
  if (fraction < 0n) {
    fraction += 1_000_000n;
    seconds -= 1n;
  }
  const epochSecond = Number(seconds);
  const local = epochSecond + offsetAt(epochSecond);
  const days = Math.floor(local / 86_400);
  const secondOfDay = local - days * 86_400;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  let text = `${formatDate(days)} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
  if (fraction !== 0n) text += `.${fraction.toString().padStart(6, '0').replace(/0+$/, '')}`;
  return text;
}

function toMicros(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof Date) return BigInt(v.getTime()) * 1000n;
  return BigInt(Math.trunc(Number(v)));
}

/** Days since 1970-01-01 -> proleptic Gregorian [year, month, day] (H. Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

function formatYear(y: number): string {
  if (y > 9999) return `+${y}`;
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return String(y).padStart(4, '0');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Zone offsets: fixed offsets are parsed; region ids go through Intl, cached per zone and per
// hour (an hour whose two ends share an offset has no transition inside it).

const offsetFunctions = new Map<string, OffsetFunction>();
const UTC_IDS = new Set(['UTC', 'Z', 'GMT', 'UT', 'Etc/UTC', 'Etc/GMT', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Etc/Zulu']);
const FIXED_OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;
const MAX_CACHED_HOURS = 100_000;
const MAX_DATE_MS = 8.64e15;

function zoneOffsetFunction(zone: string): OffsetFunction {
  let fn = offsetFunctions.get(zone);
  if (!fn) {
    fn = createOffsetFunction(zone);
    offsetFunctions.set(zone, fn);
  }
  return fn;
}

function createOffsetFunction(zone: string): OffsetFunction {
  if (UTC_IDS.has(zone)) return utcOffset;
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) {
    const seconds = Number(fixed[2]) * 3600 + Number(fixed[3] ?? 0) * 60 + Number(fixed[4] ?? 0);
    const offset = fixed[1] === '-' ? -seconds : seconds;
    return () => offset;
  }
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const byHour = new Map<number, number>();
  return (epochSecond) => {
    const hour = Math.floor(epochSecond / 3600);
    const cached = byHour.get(hour);
    if (cached !== undefined) return cached;
    const start = intlOffset(formatter, hour * 3600);
    if (start !== intlOffset(formatter, hour * 3600 + 3599)) return intlOffset(formatter, epochSecond);
    if (byHour.size >= MAX_CACHED_HOURS) byHour.clear();
    byHour.set(hour, start);
    return start;
  };
}

function intlOffset(formatter: Intl.DateTimeFormat, epochSecond: number): number {
  const ms = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, epochSecond * 1000));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': beforeCommonEra = part.value.startsWith('B'); break;
      default: break;
    }
  }
  if (beforeCommonEra) year = 1 - year;
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0..99 literal
  local.setUTCHours(hour, minute, second, 0);
  return Math.round((local.getTime() - ms) / 1000);
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
