// Strings to intervals, as Spark's IntervalUtils: `stringToInterval` for the legacy
// CalendarInterval ("1 day 2 hours", null when malformed) and `castStringToYMInterval` /
// `castStringToDTInterval` for the ANSI types ("1-2", "INTERVAL '1 02:03:04' DAY TO SECOND",
// INVALID_INTERVAL_FORMAT when malformed, in every mode).
import { SparkException } from '../errors/spark-exception';
import type { CalendarInterval, DataType } from './data-types';

// ---------------------------------------------------------------------------------------------
// CalendarInterval

const UNIT_MICROS: Record<string, bigint> = {
  hour: 3_600_000_000n,
  minute: 60_000_000n,
  second: 1_000_000n,
  millisecond: 1000n,
  microsecond: 1n,
};

const PART = /\s*([+-])?\s*(\d+)(?:\.(\d*))?\s+([a-zA-Z]+)(?=\s|$)/y;
const LONG_MAX = 2n ** 63n - 1n;
const INT_MAX = 2147483647;

/** Spark's `safeStringToInterval`: `[interval] [+|-]n unit ...`, or null. */
export function parseCalendarInterval(text: string): CalendarInterval | null {
  let s = text.trim();
  if (/^interval(\s|$)/i.test(s)) s = s.slice(8);
  let months = 0n;
  let days = 0n;
  let micros = 0n;
  let pos = 0;
  let parts = 0;
  while (pos < s.length) {
    if (s.slice(pos).trim() === '') break;
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return null;
    pos = PART.lastIndex;
    parts++;
    let unit = m[4].toLowerCase();
    if (unit.length > 1 && unit.endsWith('s')) unit = unit.slice(0, -1);
    const negative = m[1] === '-';
    const whole = BigInt(m[2]);
    const fraction = m[3];
    if (fraction !== undefined && unit !== 'second') return null;
    const sign = negative ? -1n : 1n;
    switch (unit) {
      case 'year':
        months += sign * whole * 12n;
        break;
      case 'month':
        months += sign * whole;
        break;
      case 'week':
        days += sign * whole * 7n;
        break;
      case 'day':
        days += sign * whole;
        break;
      default: {
        const per = UNIT_MICROS[unit];
        if (per === undefined) return null;
        let v = whole * per;
        if (fraction) v += BigInt(fraction.slice(0, 6).padEnd(6, '0'));
        micros += sign * v;
      }
    }
  }
  if (parts === 0) return null;
  const big = (v: bigint) => v > BigInt(INT_MAX) || v < -BigInt(INT_MAX) - 1n;
  if (big(months) || big(days) || micros > LONG_MAX || micros < -LONG_MAX - 1n) return null;
  return { months: Number(months), days: Number(days), microseconds: micros };
}

// ---------------------------------------------------------------------------------------------
// ANSI intervals

const YM_NAMES = ['YEAR', 'MONTH'];
const DT_NAMES = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

const SUPPORTED_FORMATS: Record<string, string[]> = {
  'year-month 0 1': ['[+|-]y-m', "INTERVAL [+|-]'[+|-]y-m' YEAR TO MONTH"],
  'year-month 0 0': ['[+|-]y', "INTERVAL [+|-]'[+|-]y' YEAR"],
  'year-month 1 1': ['[+|-]m', "INTERVAL [+|-]'[+|-]m' MONTH"],
  'day-time 0 0': ['[+|-]d', "INTERVAL [+|-]'[+|-]d' DAY"],
  'day-time 0 1': ['[+|-]d h', "INTERVAL [+|-]'[+|-]d h' DAY TO HOUR"],
  'day-time 0 2': ['[+|-]d h:m', "INTERVAL [+|-]'[+|-]d h:m' DAY TO MINUTE"],
  'day-time 0 3': ['[+|-]d h:m:s.n', "INTERVAL [+|-]'[+|-]d h:m:s.n' DAY TO SECOND"],
  'day-time 1 1': ['[+|-]h', "INTERVAL [+|-]'[+|-]h' HOUR"],
  'day-time 1 2': ['[+|-]h:m', "INTERVAL [+|-]'[+|-]h:m' HOUR TO MINUTE"],
  'day-time 1 3': ['[+|-]h:m:s.n', "INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND"],
  'day-time 2 2': ['[+|-]m', "INTERVAL [+|-]'[+|-]m' MINUTE"],
  'day-time 2 3': ['[+|-]m:s.n', "INTERVAL [+|-]'[+|-]m:s.n' MINUTE TO SECOND"],
  'day-time 3 3': ['[+|-]s.n', "INTERVAL [+|-]'[+|-]s.n' SECOND"],
};

function unmatchedFormat(input: string, kind: 'year-month' | 'day-time', start: number, end: number, type: DataType, notice: boolean): SparkException {
  const supportedFormat = SUPPORTED_FORMATS[`${kind} ${start} ${end}`].map((f) => `\`${f}\``).join(', ');
  const typeName = type.typeName();
  let message = `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Interval string does not match ${kind} format of ${supportedFormat} when cast to ${typeName}: ${input}.`;
  if (notice) message += ' Set "spark.sql.legacy.fromDayTimeString.enabled" to "true" to restore the behavior before Spark 3.0.';
  return new SparkException(message, {
    errorClass: notice ? 'INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE' : 'INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING',
    sqlState: '22006',
    messageParameters: { input, intervalStr: kind, supportedFormat, typeName },
  });
}

function intervalParsing(input: string, kind: string, msg: string): SparkException {
  return new SparkException(
    `Error parsing '${input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. Error parsing interval ${kind} string: ${msg}.`,
    { errorClass: 'INVALID_INTERVAL_FORMAT.INTERVAL_PARSING', sqlState: '22006', messageParameters: { input, interval: kind, msg } },
  );
}

function finalSign(first?: string, second?: string): 1n | -1n {
  const neg = (first === '-' ? 1 : 0) + (second === '-' ? 1 : 0);
  return neg === 1 ? -1n : 1n;
}

/** Spark's `castStringToYMInterval`: total months. */
export function parseYearMonthInterval(text: string, start: number, end: number, type: DataType): number {
  const input = text.trim();
  const fail = () => unmatchedFormat(input, 'year-month', start, end, type, false);
  const target = (s: number, e: number) => start === s && end === e;
  const toInt = (v: bigint): number => {
    if (v > BigInt(INT_MAX) || v < -BigInt(INT_MAX) - 1n) throw intervalParsing(input, 'year-month', 'integer overflow');
    return Number(v);
  };
  let m = /^([+-])?(\d+)-(\d+)$/.exec(input) ?? /^INTERVAL\s+([+-])?'([+-])?(\d+)-(\d+)'\s+YEAR\s+TO\s+MONTH$/i.exec(input);
  if (m && target(0, 1)) {
    const literal = m.length === 5;
    const sign = literal ? finalSign(m[1], m[2]) : finalSign(m[1]);
    const year = BigInt(literal ? m[3] : m[2]);
    const month = BigInt(literal ? m[4] : m[3]);
    if (month > 11n) throw intervalParsing(input, 'year-month', `month ${month} outside range [0, 11]`);
    if (year > BigInt(Math.floor(INT_MAX / 12))) throw intervalParsing(input, 'year-month', `year ${year} outside range [0, ${Math.floor(INT_MAX / 12)}]`);
    return toInt(sign * (year * 12n + month));
  }
  m = /^([+-])?(\d+)$/.exec(input);
  if (m) {
    const sign = finalSign(m[1]);
    if (end === 0) return toInt(sign * BigInt(m[2]) * 12n);
    if (start === 1) return toInt(sign * BigInt(m[2]));
    throw fail();
  }
  m = /^INTERVAL\s+([+-])?'([+-])?(\d+)'\s+(YEAR|MONTH)$/i.exec(input);
  if (m) {
    const sign = finalSign(m[1], m[2]);
    const unit = m[4].toUpperCase();
    if (unit === 'YEAR' && target(0, 0)) return toInt(sign * BigInt(m[3]) * 12n);
    if (unit === 'MONTH' && target(1, 1)) return toInt(sign * BigInt(m[3]));
  }
  throw fail();
}

const US = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];

/** Seconds text "ss[.fffffffff]" to micros (nanos beyond micros truncated). */
function secondsMicros(whole: string, fraction: string | undefined): bigint {
  return BigInt(whole) * 1_000_000n + (fraction ? BigInt(fraction.slice(1, 7).padEnd(6, '0')) : 0n);
}

/** Spark's `castStringToDTInterval`: total microseconds. */
export function parseDayTimeInterval(text: string, start: number, end: number, type: DataType): bigint {
  const input = text.trim();
  const key = `${DT_NAMES[start]}${start === end ? '' : ` TO ${DT_NAMES[end]}`}`;
  const shapes: Record<string, string> = {
    'DAY TO HOUR': '(\\d{1,9}) (\\d{1,2})',
    'DAY TO MINUTE': '(\\d{1,9}) (\\d{1,2}):(\\d{1,2})',
    'DAY TO SECOND': '(\\d{1,9}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?',
    'HOUR TO MINUTE': '(\\d{1,10}):(\\d{1,2})',
    'HOUR TO SECOND': '(\\d{1,10}):(\\d{1,2}):(\\d{1,2})(\\.\\d{1,9})?',
    'MINUTE TO SECOND': '(\\d{1,12}):(\\d{1,2})(\\.\\d{1,9})?',
  };
  const shape = shapes[key];
  const check = (value: bigint, max: bigint, name: string) => {
    if (value > max) throw intervalParsing(input, 'day-time', `${name} ${value} outside range [0, ${max}]`);
  };
  const fromParts = (sign: bigint, groups: string[]): bigint => {
    // groups: leading field then following fields, seconds last (with optional fraction).
    let total = 0n;
    let field = start;
    for (let i = 0; i < groups.length && field <= end; i++, field++) {
      if (field === 3) {
        const micros = secondsMicros(groups[i], groups[i + 1]);
        if (field !== start) check(BigInt(groups[i]), 59n, 'second');
        total += micros;
        break;
      }
      const v = BigInt(groups[i]);
      if (field !== start) check(v, field === 1 ? 23n : 59n, DT_NAMES[field].toLowerCase());
      total += v * US[field];
    }
    const result = sign * total;
    if (result > LONG_MAX || result < -LONG_MAX - 1n) throw intervalParsing(input, 'day-time', 'long overflow');
    return result;
  };
  if (shape) {
    let m = new RegExp(`^([+-])?${shape}$`).exec(input);
    if (m) return fromParts(finalSign(m[1]), m.slice(2));
    m = new RegExp(`^INTERVAL\\s+([+-])?'([+-])?${shape}'\\s+${key.replace(/ /g, '\\s+')}$`, 'i').exec(input);
    if (m) return fromParts(finalSign(m[1], m[2]), m.slice(3));
  }
  let m = /^([+-])?(\d{1,13})(\.\d{1,9})?$/.exec(input);
  if (m) {
    const sign = finalSign(m[1]);
    const digits = m[2];
    const limits = [9, 10, 12, 13];
    if (start === end && digits.length <= limits[start] && (start === 3 || m[3] === undefined)) {
      return sign * (start === 3 ? secondsMicros(digits, m[3]) : BigInt(digits) * US[start]);
    }
    throw unmatchedFormat(input, 'day-time', start, end, type, true);
  }
  m = /^INTERVAL\s+([+-])?'([+-])?(\d{1,13})(\.\d{1,9})?'\s+(DAY|HOUR|MINUTE|SECOND)$/i.exec(input);
  if (m) {
    const sign = finalSign(m[1], m[2]);
    const field = DT_NAMES.indexOf(m[5].toUpperCase());
    if (field === start && field === end && (field === 3 || m[4] === undefined)) {
      return sign * (field === 3 ? secondsMicros(m[3], m[4]) : BigInt(m[3]) * US[field]);
    }
  }
  throw unmatchedFormat(input, 'day-time', start, end, type, true);
}

export { YM_NAMES, DT_NAMES };
