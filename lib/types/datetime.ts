// Dates (days since 1970-01-01) and timestamps (microseconds since the epoch) in the proleptic
// Gregorian calendar: Spark's `stringToDate` / `stringToTimestamp` parsers and the
// "yyyy-MM-dd HH:mm:ss[.fraction]" formatter used by casts and show().
import { localToEpochSecond, resolveZone, zoneOffsetFunction, type OffsetFunction } from './time-zone';

export const MICROS_PER_SECOND = 1_000_000n;
export const MICROS_PER_DAY = 86_400_000_000n;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days since 1970-01-01 -> [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
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

/**
 * `days` moved by `months`, the day clamped to the month's length (java.time's LocalDate.plusMonths),
 * in exact arithmetic: valid far beyond a JavaScript Date's range.
 */
export function addMonthsToDays(days: number, months: number): number {
  if (months === 0) return days;
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return daysFromCivil(year, month, Math.min(d, length));
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Formatting (java.time 'uuuu' years: "+10000" above 9999, "-0001" before year 1).

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatYear(y: number): string {
  if (y > 9999) return `+${y}`;
  if (y < 0) return `-${String(-y).padStart(4, '0')}`;
  return String(y).padStart(4, '0');
}

/** "yyyy-MM-dd". */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${pad2(m)}-${pad2(d)}`;
}

/** floor(micros / 10^6) and the non-negative microsecond remainder. */
export function splitMicros(micros: bigint): [number, number] {
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros - seconds * MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  return [Number(seconds), Number(fraction)];
}

/** "yyyy-MM-dd HH:mm:ss[.SSSSSS]" with trailing zeros of the fraction dropped. */
export function formatTimestamp(micros: bigint, offsetAt: OffsetFunction): string {
  const [epochSecond, fraction] = splitMicros(micros);
  const local = epochSecond + offsetAt(epochSecond);
  const days = Math.floor(local / 86_400);
  const secondOfDay = local - days * 86_400;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  let text = `${formatDate(days)} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
  if (fraction !== 0) text += `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
  return text;
}

/** A formatter of timestamps (LTZ) in a session zone. */
export function timestampFormatter(zone: string): (micros: bigint) => string {
  const offsetAt = zoneOffsetFunction(zone);
  return (micros) => formatTimestamp(micros, offsetAt);
}

// ---------------------------------------------------------------------------------------------
// Conversions between dates, timestamps and zones.

/** Days of the local date of an instant in `zone` (Spark's microsToDays). */
export function microsToDays(micros: bigint, zone: string): number {
  const [epochSecond] = splitMicros(micros);
  const local = epochSecond + zoneOffsetFunction(zone)(epochSecond);
  return Math.floor(local / 86_400);
}

/** The instant of local midnight of a date in `zone` (Spark's daysToMicros). */
export function daysToMicros(days: number, zone: string): bigint {
  return BigInt(localToEpochSecond(days * 86_400, zone)) * MICROS_PER_SECOND;
}

/**
 * Spark's `convertTz(micros, fromZone, toZone)`: the wall time `micros` shows in `toZone`,
 * read back as a wall time of `fromZone`.
 */
export function convertTz(micros: bigint, fromZone: string, toZone: string): bigint {
  const [epochSecond, fraction] = splitMicros(micros);
  const wall = epochSecond + zoneOffsetFunction(toZone)(epochSecond);
  return BigInt(localToEpochSecond(wall, fromZone)) * MICROS_PER_SECOND + BigInt(fraction);
}

// ---------------------------------------------------------------------------------------------
// Parsing: Spark's stringToDate / parseTimestampString.

/** UTF8String.isWhitespaceOrISOControl on one UTF-16 unit. */
function isTrimmable(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= 0x9f);
}

function trimSpark(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isTrimmable(s.charCodeAt(start))) start++;
  while (end > start && isTrimmable(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** `[+-]yyyy*[-[m]m[-[d]d]]` then optionally ' ' or 'T' and anything: days, or null. */
export function stringToDate(text: string): number | null {
  const s = trimSpark(text);
  if (s.length === 0) return null;
  const segments = [1, 1, 1];
  let sign = 1;
  let i = 0;
  let j = 0;
  let value = 0;
  let digits = 0;
  const valid = (seg: number, n: number) => (seg === 0 ? n >= 4 && n <= 7 : n > 0 && n <= 2);
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    j = 1;
  }
  while (j < s.length && i < 3 && !(s[j] === ' ' || s[j] === 'T')) {
    const c = s.charCodeAt(j);
    if (i < 2 && c === 45) {
      if (!valid(i, digits)) return null;
      segments[i++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else {
      return null;
    }
    j++;
  }
  if (!valid(i, digits)) return null;
  if (i < 2 && j < s.length) return null;
  segments[i] = value;
  const year = sign * segments[0];
  const month = segments[1];
  const day = segments[2];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

interface TimestampParts {
  /** year, month, day, hour, minute, second, microsecond */
  segments: number[];
  zone: string | undefined;
  justTime: boolean;
}

/** Spark's `parseTimestampString`; null when the text is not a timestamp. */
function parseTimestampString(text: string): TimestampParts | null {
  const s = trimSpark(text);
  if (s.length === 0) return null;
  const segments = [1, 1, 1, 0, 0, 0, 0, 0, 0];
  const valid = (seg: number, n: number) =>
    seg === 6 || (seg === 0 && n >= 4 && n <= 6) || (seg === 7 && n <= 2) || (seg !== 0 && seg !== 6 && seg !== 7 && n > 0 && n <= 2);
  let i = 0;
  let value = 0;
  let digits = 0;
  let fractionDigits = 0;
  let justTime = false;
  let yearSign = 0;
  let zone: string | undefined;
  let j = 0;
  const end = s.length;
  if (s[0] === '-' || s[0] === '+') {
    yearSign = s[0] === '-' ? -1 : 1;
    j = 1;
  }
  const next = (): boolean => {
    if (!valid(i, digits)) return false;
    segments[i] = value;
    value = 0;
    digits = 0;
    i++;
    return true;
  };
  while (j < end) {
    const b = s[j];
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) {
      if (j === 0 && b === 'T') {
        justTime = true;
        i += 3;
      } else if (i < 2) {
        if (b === '-') {
          if (!next()) return null;
        } else if (i === 0 && b === ':' && yearSign === 0) {
          justTime = true;
          if (!valid(3, digits)) return null;
          segments[3] = value;
          value = 0;
          digits = 0;
          i = 4;
        } else {
          return null;
        }
      } else if (i === 2) {
        if (b === ' ' || b === 'T') {
          if (!next()) return null;
        } else {
          return null;
        }
      } else if (i === 3 || i === 4) {
        if (b === ':') {
          if (!next()) return null;
        } else {
          return null;
        }
      } else if (i === 5 || i === 6) {
        if (b === '.' && i === 5) {
          if (!next()) return null;
        } else {
          if (!next()) return null;
          zone = s.slice(j);
          j = end - 1;
        }
        if (i === 6 && b !== '.') i++;
      } else {
        if (i < segments.length && (b === ':' || b === ' ')) {
          if (!next()) return null;
        } else {
          return null;
        }
      }
    } else {
      if (i === 6) fractionDigits++;
      // Digits past microseconds are dropped (truncation, as Spark).
      if (i !== 6 || digits < 6) value = value * 10 + (c - 48);
      digits++;
    }
    j++;
  }
  if (!valid(i, digits)) return null;
  segments[i] = value;
  while (fractionDigits < 6) {
    segments[6] *= 10;
    fractionDigits++;
  }
  if (zone !== undefined) {
    zone = zone.trim();
    if (!resolveZone(zone)) return null;
  }
  segments[0] *= yearSign === 0 ? 1 : yearSign;
  return { segments, zone, justTime };
}

function wallSeconds(p: number[]): number | null {
  const [year, month, day, hour, minute, second] = p;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

/**
 * Spark's `stringToTimestamp`: microseconds since the epoch, the text's own zone if it has
 * one, else `zone`. A time without a date (`T10:00`, `10:00:00`) takes today's date in the zone.
 */
export function stringToTimestamp(text: string, zone: string, now: () => number = Date.now): bigint | null {
  const p = parseTimestampString(text);
  if (!p) return null;
  const z = p.zone ?? zone;
  const seg = p.segments;
  if (p.justTime) {
    const nowSecond = Math.floor(now() / 1000);
    const today = Math.floor((nowSecond + zoneOffsetFunction(z)(nowSecond)) / 86_400);
    const [y, m, d] = civilFromDays(today);
    seg[0] = y;
    seg[1] = m;
    seg[2] = d;
  }
  const wall = wallSeconds(seg);
  if (wall === null) return null;
  return BigInt(localToEpochSecond(wall, z)) * MICROS_PER_SECOND + BigInt(seg[6]);
}

/**
 * Spark's `stringToTimestampWithoutTimeZone`: the wall time as microseconds (UTC-based). A zone
 * in the text is ignored when `allowTimeZone`, else the text is rejected; a time without a
 * date is rejected.
 */
export function stringToTimestampNTZ(text: string, allowTimeZone = true): bigint | null {
  const p = parseTimestampString(text);
  if (!p || p.justTime || (!allowTimeZone && p.zone !== undefined)) return null;
  const wall = wallSeconds(p.segments);
  if (wall === null) return null;
  return BigInt(wall) * MICROS_PER_SECOND + BigInt(p.segments[6]);
}
