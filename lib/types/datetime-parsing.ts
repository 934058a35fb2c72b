// Text -> date/timestamp values for the file formats, as Spark's DateFormatter/TimestampFormatter
// read them. Without a pattern Spark parses leniently (stringToDate / stringToTimestamp, the same
// rules as CAST and typed literals); with `dateFormat`/`timestampFormat` it parses with a
// java.time pattern, strictly and case-insensitively, and the whole text must match.
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { isNarrowTextField, patternRecognitionError } from '../errors/datetime-pattern-errors';
import { daysFromCivil, stringToDate, stringToTimestamp, stringToTimestampNTZ, MICROS_PER_SECOND } from './datetime';
import { localToEpochSecond, resolveZone } from './time-zone';

/** Microseconds since the epoch, or undefined when the text does not parse. */
export type TimestampParser = (text: string) => bigint | undefined;
/** Days since the epoch, or undefined when the text does not parse. */
export type DateParser = (text: string) => number | undefined;

/** stringToTimestamp: ISO-like text, a zone in the text wins over `zone`. */
export function lenientTimestampParser(zone: string): TimestampParser {
  return (s) => stringToTimestamp(s, zone) ?? undefined;
}

/** stringToTimestampWithoutTimeZone: a zone in the text makes it invalid. */
export function lenientTimestampNTZParser(): TimestampParser {
  return (s) => stringToTimestampNTZ(s, false) ?? undefined;
}

/** stringToDate: `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by a time part. */
export function lenientDateParser(): DateParser {
  return (s) => stringToDate(s) ?? undefined;
}

/** A timestamp with a pattern; text without a zone is in `zone`. */
export function patternTimestampParser(pattern: string, zone: string): TimestampParser {
  const match = compileDateTimePattern(pattern);
  return (s) => {
    const f = match(s);
    return f ? fieldsToMicros(f, zone, true) : undefined;
  };
}

/** A timestamp_ntz with a pattern: a zone in the text makes it invalid. */
export function patternTimestampNTZParser(pattern: string): TimestampParser {
  const match = compileDateTimePattern(pattern);
  return (s) => {
    const f = match(s);
    return f && f.zone === undefined ? fieldsToMicros(f, 'UTC', false) : undefined;
  };
}

export function patternDateParser(pattern: string): DateParser {
  const match = compileDateTimePattern(pattern);
  return (s) => {
    const f = match(s);
    if (!f) return undefined;
    const ymd = resolveDate(f);
    return ymd && daysFromCivil(ymd[0], ymd[1], ymd[2]);
  };
}

// ---------------------------------------------------------------------------------------------
// Patterns

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  hour12?: number;
  hourK?: number;
  hourk?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  /** Fraction digits as written. */
  fraction?: string;
  /** Zone id from the text: "Z", "+05:30:00" or a region id. */
  zone?: string;
}

type NumField = 'year' | 'month' | 'day' | 'dayOfYear' | 'hour' | 'hour12' | 'hourK' | 'hourk' | 'minute' | 'second';

type Elem =
  | { k: 'lit'; text: string }
  | { k: 'num'; field: NumField; min: number; max: number }
  | { k: 'yy' }
  | { k: 'frac'; max: number }
  | { k: 'text'; field: 'month' | 'ampm' | 'dow'; full: boolean }
  | { k: 'offset'; letter: 'X' | 'x' | 'Z' | 'O'; count: number }
  | { k: 'zoneId' }
  | { k: 'opt'; elems: Elem[] };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const compiled = new Map<string, (text: string) => Fields | undefined>();

/** A matcher for a java.time pattern (cached per pattern). */
export function compileDateTimePattern(pattern: string): (text: string) => Fields | undefined {
  let m = compiled.get(pattern);
  if (!m) {
    const elems = parsePattern(pattern);
    m = (text) => {
      const f: Fields = {};
      const end = matchElems(elems, 0, text, 0, f);
      return end === text.length ? f : undefined;
    };
    compiled.set(pattern, m);
  }
  return m;
}

function numElem(field: NumField, count: number, maxVariable: number): Elem {
  return count === 1 ? { k: 'num', field, min: 1, max: maxVariable } : { k: 'num', field, min: count, max: Math.max(count, count === 2 ? 2 : maxVariable) };
}

function parsePattern(pattern: string): Elem[] {
  const stack: Elem[][] = [[]];
  const top = () => stack[stack.length - 1];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close === i + 1) {
        top().push({ k: 'lit', text: "'" });
        i += 2;
        continue;
      }
      // Quoted text: '' inside stands for one quote.
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      if (j >= pattern.length) throw new IllegalArgumentException(`Pattern ends with an incomplete string literal: ${pattern}`);
      top().push({ k: 'lit', text });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      const elems: Elem[] = [];
      top().push({ k: 'opt', elems });
      stack.push(elems);
      i++;
      continue;
    }
    if (c === ']') {
      if (stack.length === 1) throw new IllegalArgumentException(`Pattern invalid as it contains ] without previous [: ${pattern}`);
      stack.pop();
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      top().push({ k: 'lit', text: c });
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    if (isNarrowTextField(c, n)) throw patternRecognitionError(pattern);
    top().push(letterElem(c, n, pattern));
  }
  return stack[0];
}

function letterElem(c: string, n: number, pattern: string): Elem {
  switch (c) {
    case 'y':
    case 'u':
      if (n === 2) return { k: 'yy' };
      return { k: 'num', field: 'year', min: n === 1 ? 1 : n, max: 9 };
    case 'M':
    case 'L':
      if (n >= 3) return { k: 'text', field: 'month', full: n >= 4 };
      return numElem('month', n, 2);
    case 'd':
      return numElem('day', n, 2);
    case 'D':
      return { k: 'num', field: 'dayOfYear', min: n, max: 3 };
    case 'H':
      return numElem('hour', n, 2);
    case 'h':
      return numElem('hour12', n, 2);
    case 'K':
      return numElem('hourK', n, 2);
    case 'k':
      return numElem('hourk', n, 2);
    case 'm':
      return numElem('minute', n, 2);
    case 's':
      return numElem('second', n, 2);
    case 'S':
      return { k: 'frac', max: n };
    case 'a':
      return { k: 'text', field: 'ampm', full: false };
    case 'E':
      return { k: 'text', field: 'dow', full: n >= 4 };
    case 'X':
    case 'x':
    case 'Z':
    case 'O':
      return { k: 'offset', letter: c, count: n };
    case 'V':
    case 'z':
      return { k: 'zoneId' };
    default:
      throw new IllegalArgumentException(`Unknown pattern letter: ${c} (in the datetime pattern '${pattern}')`);
  }
}

/** Total width of the fixed-width numeric fields right after position `i` (adjacent parsing). */
function reservedAfter(elems: Elem[], i: number): number {
  let total = 0;
  for (let j = i + 1; j < elems.length; j++) {
    const e = elems[j];
    if (e.k === 'num' && e.min === e.max) total += e.min;
    else if (e.k === 'yy') total += 2;
    else break;
  }
  return total;
}

function matchElems(elems: Elem[], i: number, text: string, pos: number, f: Fields): number {
  for (; i < elems.length; i++) {
    const e = elems[i];
    if (e.k === 'opt') {
      const trial: Fields = { ...f };
      const end = matchElems(e.elems, 0, text, pos, trial);
      if (end >= 0) {
        // Optional sections are greedy; fall back to skipping when the rest then fails.
        const rest: Fields = { ...trial };
        const full = matchElems(elems, i + 1, text, end, rest);
        if (full >= 0) {
          Object.assign(f, rest);
          return full;
        }
      }
      continue;
    }
    pos = matchOne(e, elems, i, text, pos, f);
    if (pos < 0) return -1;
  }
  return pos;
}

function digitsAt(text: string, pos: number, max: number): number {
  let n = 0;
  while (n < max && pos + n < text.length) {
    const c = text.charCodeAt(pos + n);
    if (c < 48 || c > 57) break;
    n++;
  }
  return n;
}

function matchOne(e: Exclude<Elem, { k: 'opt' }>, elems: Elem[], i: number, text: string, pos: number, f: Fields): number {
  switch (e.k) {
    case 'lit': {
      const part = text.slice(pos, pos + e.text.length);
      return part.toLowerCase() === e.text.toLowerCase() ? pos + e.text.length : -1;
    }
    case 'num': {
      const available = digitsAt(text, pos, e.max);
      const take = e.min === e.max ? e.min : Math.max(e.min, available - reservedAfter(elems, i));
      if (available < take || take < e.min) return -1;
      f[e.field] = Number(text.slice(pos, pos + take));
      return pos + take;
    }
    case 'yy': {
      if (digitsAt(text, pos, 2) < 2) return -1;
      f.year = 2000 + Number(text.slice(pos, pos + 2));
      return pos + 2;
    }
    case 'frac': {
      const n = digitsAt(text, pos, e.max);
      if (n < 1) return -1;
      f.fraction = text.slice(pos, pos + n);
      return pos + n;
    }
    case 'text': {
      const lower = text.slice(pos).toLowerCase();
      if (e.field === 'ampm') {
        if (lower.startsWith('am') || lower.startsWith('pm')) {
          f.pm = lower.startsWith('pm');
          return pos + 2;
        }
        return -1;
      }
      const names = e.field === 'month' ? MONTHS : DAYS;
      for (let k = 0; k < names.length; k++) {
        const name = e.full ? names[k] : names[k].slice(0, 3);
        if (lower.startsWith(name)) {
          if (e.field === 'month') f.month = k + 1;
          return pos + name.length;
        }
      }
      return -1;
    }
    case 'offset':
      return matchOffset(e.letter, e.count, text, pos, f);
    case 'zoneId': {
      const m = /^[A-Za-z][A-Za-z0-9_/+-]*/.exec(text.slice(pos));
      if (!m) return -1;
      f.zone = m[0];
      return pos + m[0].length;
    }
  }
}

/** ±HH[[:]MM[[:]SS]] per the letter's width rules, or "Z" where the letter allows it. */
function matchOffset(letter: 'X' | 'x' | 'Z' | 'O', count: number, text: string, pos: number, f: Fields): number {
  let p = pos;
  if (letter === 'O' || (letter === 'Z' && count === 4)) {
    if (text.slice(p, p + 3).toUpperCase() !== 'GMT') return -1;
    p += 3;
    if (text[p] !== '+' && text[p] !== '-') {
      f.zone = 'Z';
      return p;
    }
  }
  if ((letter === 'X' || (letter === 'Z' && count === 5)) && (text[p] === 'Z' || text[p] === 'z')) {
    f.zone = 'Z';
    return p + 1;
  }
  const sign = text[p];
  if (sign !== '+' && sign !== '-') return -1;
  p++;
  const colon = letter === 'O' || (letter === 'Z' && count >= 4) || ((letter === 'X' || letter === 'x') && (count === 3 || count === 5));
  const hours = digitsAt(text, p, 2);
  if (hours < (letter === 'O' ? 1 : 2)) return -1;
  const hh = Number(text.slice(p, p + hours));
  p += hours;
  let mm = 0;
  let ss = 0;
  const readPart = (): number | undefined => {
    let q = p;
    if (colon) {
      if (text[q] !== ':') return undefined;
      q++;
    }
    if (digitsAt(text, q, 2) < 2) return undefined;
    const v = Number(text.slice(q, q + 2));
    p = q + 2;
    return v;
  };
  const minutesRequired = (letter === 'X' || letter === 'x') ? count >= 2 : letter === 'Z' ? true : false;
  const m = readPart();
  if (m === undefined) {
    if (minutesRequired) return -1;
  } else {
    mm = m;
    const s = readPart();
    if (s !== undefined) ss = s;
  }
  if (hh > 18 || mm > 59 || ss > 59) return -1;
  f.zone = `${sign}${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
  return p;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** [year, month, day] with java.time's defaults (1970-01-01 for missing parts), or undefined. */
function resolveDate(f: Fields): [number, number, number] | undefined {
  const year = f.year ?? 1970;
  let month = f.month ?? 1;
  let day = f.day ?? 1;
  if (f.dayOfYear !== undefined) {
    if (f.dayOfYear < 1 || f.dayOfYear > (isLeap(year) ? 366 : 365)) return undefined;
    let rest = f.dayOfYear;
    month = 1;
    while (rest > daysIn(year, month)) rest -= daysIn(year, month++);
    if ((f.month !== undefined && f.month !== month) || (f.day !== undefined && f.day !== rest)) return undefined;
    day = rest;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return [year, month, day];
}

function resolveHour(f: Fields): number | undefined {
  if (f.hour !== undefined) return f.hour <= 23 ? f.hour : undefined;
  if (f.hour12 !== undefined) return f.hour12 >= 1 && f.hour12 <= 12 ? (f.hour12 % 12) + (f.pm ? 12 : 0) : undefined;
  if (f.hourK !== undefined) return f.hourK <= 11 ? f.hourK + (f.pm ? 12 : 0) : undefined;
  if (f.hourk !== undefined) return f.hourk >= 1 && f.hourk <= 24 ? f.hourk % 24 : undefined;
  return 0;
}

function fieldsToMicros(f: Fields, zone: string, allowZone: boolean): bigint | undefined {
  const ymd = resolveDate(f);
  const hour = resolveHour(f);
  if (!ymd || hour === undefined) return undefined;
  const minute = f.minute ?? 0;
  const second = f.second ?? 0;
  if (minute > 59 || second > 59) return undefined;
  if (f.zone !== undefined && (!allowZone || !resolveZone(f.zone))) return undefined;
  const wall = daysFromCivil(ymd[0], ymd[1], ymd[2]) * 86_400 + hour * 3600 + minute * 60 + second;
  const epochSecond = allowZone ? localToEpochSecond(wall, f.zone ?? zone) : wall;
  const micros = Number((f.fraction ?? '').slice(0, 6).padEnd(6, '0'));
  return BigInt(epochSecond) * MICROS_PER_SECOND + BigInt(micros);
}
