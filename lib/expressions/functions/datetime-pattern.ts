// Spark's datetime pattern language (java.time.DateTimeFormatter letters, as restricted by
// Spark's DateTimeFormatterHelper): a pattern compiles once into a formatter of timestamps and a
// parser of strings. Parsing follows Java's rules closely enough for Spark's behaviour: fixed
// widths for doubled letters, adjacent-value parsing, optional sections `[...]`, quoted literals.
import { SparkException } from '../../errors/spark-exception';
import { isNarrowTextField, patternRecognitionError } from '../../errors/datetime-pattern-errors';
import { civilFromDays, daysFromCivil, splitMicros, MICROS_PER_SECOND } from '../../types/datetime';
import { localToEpochSecond, resolveZone, zoneOffsetFunction } from '../../types/time-zone';

type Item =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'optional'; items: Item[] };

const WEEK_BASED = new Set(['Y', 'W', 'w', 'u', 'e', 'c']);
const UNSUPPORTED = new Set(['A', 'n', 'N', 'p']);
const KNOWN = new Set(['G', 'y', 'M', 'L', 'd', 'D', 'Q', 'q', 'E', 'a', 'h', 'K', 'k', 'H', 'm', 's', 'S', 'V', 'z', 'O', 'X', 'x', 'Z', 'B', 'F']);
/** Letters Java accepts at most this many times (more: "Too many pattern letters"). */
const MAX_COUNT: Record<string, number> = { G: 5, M: 5, L: 5, d: 2, D: 3, Q: 5, q: 5, E: 5, a: 1, h: 2, K: 2, k: 2, H: 2, m: 2, s: 2, V: 2, z: 4, O: 4, X: 5, x: 5, Z: 5, F: 1, S: 9 };

function weekBasedError(c: string): SparkException {
  const params = { c: `'${c}'` };
  return new SparkException(
    `You may get a different result due to the upgrading to Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based character: ${params.c}. Please use the SQL function EXTRACT instead.`,
    { errorClass: 'INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN', sqlState: '42K0B', messageParameters: params },
  );
}

function illegalCharacterError(pattern: string, c: string): SparkException {
  const params = { pattern: `'${pattern}'`, c: `'${c}'` };
  return new SparkException(`The datetime pattern ${params.pattern} is invalid: Found illegal character ${params.c} in datetime pattern.`, {
    errorClass: 'INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER',
    sqlState: '22007',
    messageParameters: params,
  });
}

function tokenize(pattern: string): Item[] {
  const root: Item[] = [];
  const stack: Item[][] = [root];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    const top = stack[stack.length - 1];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      let j = i + 1;
      while (j < pattern.length && pattern[j] === c) j++;
      const count = j - i;
      if (WEEK_BASED.has(c)) throw weekBasedError(c);
      if (UNSUPPORTED.has(c) || !KNOWN.has(c) && c !== 'y') throw illegalCharacterError(pattern, c);
      if (count > (MAX_COUNT[c] ?? 19)) throw patternRecognitionError(pattern);
      top.push({ kind: 'field', letter: c, count });
      i = j;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      if (pattern[j] === "'") {
        top.push({ kind: 'literal', text: "'" });
        i = j + 1;
        continue;
      }
      for (;;) {
        if (j >= pattern.length) throw patternRecognitionError(pattern);
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
      top.push({ kind: 'literal', text });
      i = j + 1;
    } else if (c === '[') {
      const items: Item[] = [];
      top.push({ kind: 'optional', items });
      stack.push(items);
      i++;
    } else if (c === ']') {
      if (stack.length === 1) throw patternRecognitionError(pattern);
      stack.pop();
      i++;
    } else if (c === '{' || c === '}' || c === '#') {
      throw patternRecognitionError(pattern);
    } else {
      top.push({ kind: 'literal', text: c });
      i++;
    }
  }
  // java.time: "Pattern invalid as it contains [ without matching ]".
  if (stack.length > 1) throw patternRecognitionError(pattern);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTER_NAMES = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

interface LocalFields {
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  /** 1 = Monday .. 7 = Sunday. */
  dayOfWeek: number;
  hour: number;
  minute: number;
  second: number;
  /** Microseconds of the second. */
  micros: number;
  offset: number;
  epochSecond: number;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function formatOffset(offset: number, withColon: boolean, withSeconds: boolean, zeroText: string | undefined, hourOnly: boolean): string {
  if (offset === 0 && zeroText !== undefined) return zeroText;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (hourOnly && m === 0) return `${sign}${pad(h, 2)}`;
  let text = `${sign}${pad(h, 2)}${withColon ? ':' : ''}${pad(m, 2)}`;
  if (withSeconds && s !== 0) text += `${withColon ? ':' : ''}${pad(s, 2)}`;
  return text;
}

const zoneNameCache = new Map<string, Intl.DateTimeFormat>();

function zoneName(zone: string, epochSecond: number, long: boolean): string {
  const rule = resolveZone(zone);
  if (!rule) return zone;
  if (rule.kind === 'fixed') {
    if (rule.offset === 0) return long ? 'Coordinated Universal Time' : 'UTC';
    return formatOffset(rule.offset, true, true, undefined, false);
  }
  const key = `${rule.id}|${long}`;
  let f = zoneNameCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: rule.id, timeZoneName: long ? 'long' : 'short' });
    zoneNameCache.set(key, f);
  }
  const part = f.formatToParts(epochSecond * 1000).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

function formatField(letter: string, count: number, f: LocalFields, zone: string): string {
  switch (letter) {
    case 'G':
      return count === 4 ? (f.year > 0 ? 'Anno Domini' : 'Before Christ') : count === 5 ? (f.year > 0 ? 'A' : 'B') : f.year > 0 ? 'AD' : 'BC';
    case 'y': {
      const yoe = f.year > 0 ? f.year : 1 - f.year;
      if (count === 2) return pad(yoe % 100, 2);
      const text = pad(yoe, count);
      return count === 4 && yoe > 9999 ? `+${text}` : text;
    }
    case 'M':
    case 'L':
      if (count <= 2) return pad(f.month, count);
      if (count === 3) return MONTHS[f.month - 1].slice(0, 3);
      return count === 4 ? MONTHS[f.month - 1] : MONTHS[f.month - 1][0];
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'Q':
    case 'q': {
      const q = Math.floor((f.month - 1) / 3) + 1;
      return count <= 2 ? pad(q, count) : count === 3 ? `Q${q}` : count === 4 ? QUARTER_NAMES[q - 1] : String(q);
    }
    case 'E':
      return count <= 3 ? DAYS[f.dayOfWeek - 1].slice(0, 3) : count === 4 ? DAYS[f.dayOfWeek - 1] : DAYS[f.dayOfWeek - 1][0];
    case 'F':
      return String(Math.floor((f.day - 1) / 7) + 1);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'H':
      return pad(f.hour, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return String(f.micros).padStart(6, '0').padEnd(9, '0').slice(0, count);
    case 'V':
      return zone;
    case 'z':
      return zoneName(zone, f.epochSecond, count === 4);
    case 'O': {
      if (f.offset === 0) return 'GMT';
      if (count === 4) return `GMT${formatOffset(f.offset, true, true, undefined, false)}`;
      const abs = Math.abs(f.offset);
      const m = Math.floor((abs % 3600) / 60);
      return `GMT${f.offset < 0 ? '-' : '+'}${Math.floor(abs / 3600)}${m ? `:${pad(m, 2)}` : ''}`;
    }
    case 'X':
    case 'x': {
      const zero = letter === 'X' ? 'Z' : undefined;
      if (count === 1) return formatOffset(f.offset, false, false, zero, true);
      return formatOffset(f.offset, count % 2 === 1, count >= 4, zero, false);
    }
    case 'Z':
      if (count <= 3) return formatOffset(f.offset, false, false, undefined, false);
      if (count === 4) return f.offset === 0 ? 'GMT' : `GMT${formatOffset(f.offset, true, true, undefined, false)}`;
      return formatOffset(f.offset, true, true, 'Z', false);
    case 'B':
      return f.hour < 6 ? 'at night' : f.hour < 12 ? 'in the morning' : f.hour < 18 ? 'in the afternoon' : 'in the evening';
  }
  return '';
}

function localFields(micros: bigint, zone: string): LocalFields {
  const [epochSecond, fraction] = splitMicros(micros);
  const offset = zoneOffsetFunction(zone)(epochSecond);
  const local = epochSecond + offset;
  const days = Math.floor(local / 86_400);
  const sod = local - days * 86_400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    dayOfYear: days - daysFromCivil(year, 1, 1) + 1,
    dayOfWeek: ((((days + 3) % 7) + 7) % 7) + 1,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    micros: fraction,
    offset,
    epochSecond,
  };
}

export type TimestampFormatter = (micros: bigint) => string;

/** Compiles a pattern into a formatter of instants shown in `zone`; throws on an invalid pattern. */
export function compileFormatter(pattern: string, zone: string): TimestampFormatter {
  const items = tokenize(pattern);
  const flat: Item[] = [];
  const flatten = (list: Item[]) => {
    for (const it of list) {
      if (it.kind === 'optional') flatten(it.items);
      else flat.push(it);
    }
  };
  flatten(items);
  return (micros) => {
    const f = localFields(micros, zone);
    let out = '';
    for (const it of flat) out += it.kind === 'literal' ? it.text : formatField((it as { letter: string }).letter, (it as { count: number }).count, f, zone);
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing

export class DatetimeParseError extends Error {}

interface Parsed {
  year?: number;
  yearOfEra?: number;
  era?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  dayOfWeek?: number;
  hour?: number;
  hourOfAmPm?: number;
  amPm?: number;
  minute?: number;
  second?: number;
  nanos?: number;
  zone?: string;
  offset?: number;
  quarter?: number;
}

/** Java rejects a field parsed twice with different values ("Conflict found"). */
function setField(p: Parsed, key: keyof Parsed, value: number, text: string): void {
  const old = p[key];
  if (old !== undefined && old !== value) throw new DatetimeParseError(`Text '${text}' could not be parsed: Conflict found: Field ${key} ${old} differs from ${key} ${value}`);
  (p as Record<string, unknown>)[key] = value;
}

function fail(text: string, index: number): never {
  throw new DatetimeParseError(`Text '${text}' could not be parsed at index ${index}`);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Width a numeric field consumes when parsed: [min, max]; fixed when min === max. */
function numericWidth(letter: string, count: number): [number, number] | undefined {
  switch (letter) {
    case 'y':
      return count === 2 ? [2, 2] : count === 1 ? [1, 19] : [count, 19];
    case 'M':
    case 'L':
    case 'Q':
    case 'q':
      return count <= 2 ? (count === 1 ? [1, 19] : [2, 2]) : undefined;
    case 'd':
    case 'h':
    case 'H':
    case 'k':
    case 'K':
    case 'm':
    case 's':
      return count === 1 ? [1, 19] : [2, 2];
    case 'D':
      return count === 1 ? [1, 19] : count === 2 ? [2, 3] : [3, 3];
    case 'F':
      return [1, 19];
    case 'S':
      return [1, count];
  }
  return undefined;
}

function matchText(text: string, pos: number, options: string[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (text.substr(pos, o.length).toLowerCase() === o.toLowerCase() && (!best || o.length > options[best[0]].length)) best = [i, o.length];
  }
  return best;
}

const ZONE_ABBREVIATIONS: Record<string, string> = {
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', CST: 'America/Chicago', CDT: 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', MST: 'America/Denver', MDT: 'America/Denver',
  CET: 'CET', CEST: 'CET', JST: 'Asia/Tokyo', UTC: 'UTC', GMT: 'GMT', UT: 'UTC', Z: 'UTC',
};

function parseOffsetText(text: string, pos: number, allowZ: boolean): [number, number] | undefined {
  if (allowZ && text[pos] === 'Z') return [0, 1];
  const m = /^([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?/.exec(text.slice(pos));
  if (!m) return undefined;
  const total = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return [m[1] === '-' ? -total : total, m[0].length];
}

function parseZoneText(text: string, pos: number, p: Parsed): number {
  const rest = text.slice(pos);
  const region = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*/.exec(rest);
  const prefixed = /^(?:UTC|GMT|UT)(?=[+-])/.exec(rest);
  if (prefixed) {
    const o = parseOffsetText(text, pos + prefixed[0].length, false);
    if (o) {
      p.offset = o[0];
      return pos + prefixed[0].length + o[1];
    }
  }
  if (region) {
    for (let len = region[0].length; len > 0; len--) {
      const id = region[0].slice(0, len);
      const abbr = ZONE_ABBREVIATIONS[id];
      if (abbr) {
        p.zone = abbr;
        return pos + len;
      }
      if (id.includes('/') && resolveZone(id)) {
        p.zone = id;
        return pos + len;
      }
    }
  }
  const o = parseOffsetText(text, pos, false);
  if (o) {
    p.offset = o[0];
    return pos + o[1];
  }
  return -1;
}

/** Parses one item at `pos`; returns the new position or -1. `reserve` is the width later adjacent fields need. */
function parseItem(it: Item, text: string, pos: number, p: Parsed, reserve: number): number {
  if (it.kind === 'literal') {
    // Spark's parsers are case-insensitive, literals included.
    const part = text.substr(pos, it.text.length);
    return part === it.text || part.toLowerCase() === it.text.toLowerCase() ? pos + it.text.length : -1;
  }
  if (it.kind === 'optional') {
    const copy = { ...p };
    const end = parseSequence(it.items, text, pos, copy);
    if (end < 0) return pos;
    Object.assign(p, copy);
    return end;
  }
  const { letter, count } = it;
  const width = numericWidth(letter, count);
  if (width) {
    let max = width[1];
    let avail = 0;
    while (isDigit(text[pos + avail]) && avail < max) avail++;
    if (width[0] !== width[1]) avail = Math.max(Math.min(avail, avail - reserve), 0);
    if (avail < width[0]) return -1;
    max = avail;
    const digits = text.slice(pos, pos + max);
    const v = Number(digits);
    switch (letter) {
      case 'y':
        if (count === 2) setField(p, 'yearOfEra', 2000 + v, text);
        else setField(p, 'yearOfEra', v, text);
        break;
      case 'M':
      case 'L':
        setField(p, 'month', v, text);
        break;
      case 'Q':
      case 'q':
        setField(p, 'quarter', v, text);
        break;
      case 'd':
        setField(p, 'day', v, text);
        break;
      case 'D':
        setField(p, 'dayOfYear', v, text);
        break;
      case 'H':
        setField(p, 'hour', v, text);
        break;
      case 'k':
        setField(p, 'hour', v === 24 ? 0 : v, text);
        break;
      case 'h':
        setField(p, 'hourOfAmPm', v === 12 ? 0 : v, text);
        break;
      case 'K':
        setField(p, 'hourOfAmPm', v, text);
        break;
      case 'm':
        setField(p, 'minute', v, text);
        break;
      case 's':
        setField(p, 'second', v, text);
        break;
      case 'S':
        setField(p, 'nanos', Number(digits.padEnd(9, '0')), text);
        break;
    }
    return pos + max;
  }
  switch (letter) {
    case 'M':
    case 'L': {
      const m = matchText(text, pos, count === 3 ? MONTHS.map((s) => s.slice(0, 3)) : MONTHS);
      if (!m) return -1;
      p.month = m[0] + 1;
      return pos + m[1];
    }
    case 'E': {
      const m = matchText(text, pos, count === 4 ? DAYS : DAYS.map((s) => s.slice(0, 3)));
      if (!m) return -1;
      p.dayOfWeek = m[0] + 1;
      return pos + m[1];
    }
    case 'Q':
    case 'q': {
      const m = matchText(text, pos, count === 3 ? ['Q1', 'Q2', 'Q3', 'Q4'] : QUARTER_NAMES);
      if (!m) return -1;
      p.quarter = m[0] + 1;
      return pos + m[1];
    }
    case 'a': {
      const m = matchText(text, pos, ['AM', 'PM']);
      if (!m) return -1;
      p.amPm = m[0];
      return pos + m[1];
    }
    case 'G': {
      const m = matchText(text, pos, count === 4 ? ['Before Christ', 'Anno Domini'] : ['BC', 'AD']);
      if (!m) return -1;
      p.era = m[0];
      return pos + m[1];
    }
    case 'V':
    case 'z':
      return parseZoneText(text, pos, p);
    case 'O': {
      if (!text.startsWith('GMT', pos)) return -1;
      const o = parseOffsetText(text, pos + 3, false);
      p.offset = o ? o[0] : 0;
      return pos + 3 + (o ? o[1] : 0);
    }
    case 'X':
    case 'x':
    case 'Z': {
      const o = parseOffsetText(text, pos, letter === 'X' || (letter === 'Z' && count === 5));
      if (!o) return -1;
      p.offset = o[0];
      return pos + o[1];
    }
  }
  return -1;
}

/** Width of the fixed-width numeric fields directly after index `i` (Java's adjacent value parsing). */
function reservedAfter(items: Item[], i: number): number {
  let total = 0;
  for (let j = i + 1; j < items.length; j++) {
    const it = items[j];
    if (it.kind !== 'field') break;
    const w = numericWidth(it.letter, it.count);
    if (!w || w[0] !== w[1]) break;
    total += w[0];
  }
  return total;
}

function parseSequence(items: Item[], text: string, pos: number, p: Parsed): number {
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const reserve = it.kind === 'field' ? reservedAfter(items, i) : 0;
    const next = parseItem(it, text, pos, p, reserve);
    if (next < 0) return it.kind === 'optional' ? pos : -1 - pos;
    pos = next;
  }
  return pos;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface ParsedDateTime {
  days: number;
  /** Microseconds of the day. */
  microsOfDay: number;
  zone?: string;
  offset?: number;
}

export type DateTimeParser = (text: string) => ParsedDateTime;

/** Compiles a pattern into a parser; the parser throws DatetimeParseError on text that does not match. */
export function compileParser(pattern: string): DateTimeParser {
  const items = tokenize(pattern);
  // Spark rejects narrow text forms and day-of-week/quarter-text parsing it cannot round-trip.
  const check = (list: Item[]) => {
    for (const it of list) {
      if (it.kind === 'optional') check(it.items);
      else if (it.kind === 'field' && isNarrowTextField(it.letter, it.count)) throw patternRecognitionError(pattern);
    }
  };
  check(items);
  return (text) => {
    const p: Parsed = {};
    let end = 0;
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const reserve = it.kind === 'field' ? reservedAfter(items, i) : 0;
      const next = parseItem(it, text, end, p, reserve);
      if (next < 0) fail(text, end);
      end = next;
    }
    if (end < text.length) throw new DatetimeParseError(`Text '${text}' could not be parsed, unparsed text found at index ${end}`);
    let year = p.yearOfEra ?? 1970;
    if (p.era === 0) year = 1 - year;
    const month = p.month ?? 1;
    let days: number;
    if (p.dayOfYear !== undefined && p.month === undefined) {
      days = daysFromCivil(year, 1, 1) + p.dayOfYear - 1;
      if (p.dayOfYear < 1 || p.dayOfYear > (daysInMonth(year, 2) === 29 ? 366 : 365)) throw new DatetimeParseError(`Text '${text}' could not be parsed: Invalid day of year`);
    } else {
      const day = p.day ?? 1;
      if (month < 1 || month > 12) throw new DatetimeParseError(`Text '${text}' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): ${month}`);
      if (day < 1 || day > daysInMonth(year, month)) throw new DatetimeParseError(`Text '${text}' could not be parsed: Invalid date`);
      days = daysFromCivil(year, month, day);
    }
    if (p.dayOfWeek !== undefined && ((((days + 3) % 7) + 7) % 7) + 1 !== p.dayOfWeek) {
      throw new DatetimeParseError(`Text '${text}' could not be parsed: Conflict found`);
    }
    let hour = p.hour ?? 0;
    if (p.hour === undefined && p.hourOfAmPm !== undefined) hour = p.hourOfAmPm + (p.amPm === 1 ? 12 : 0);
    const minute = p.minute ?? 0;
    const second = p.second ?? 0;
    if (hour > 23 || minute > 59 || second > 59) throw new DatetimeParseError(`Text '${text}' could not be parsed: Invalid time`);
    const microsOfDay = (hour * 3600 + minute * 60 + second) * 1_000_000 + Math.floor((p.nanos ?? 0) / 1000);
    return { days, microsOfDay, zone: p.zone, offset: p.offset };
  };
}

/** The instant a parse result names: its own zone/offset, else `zone`. */
export function parsedToMicros(r: ParsedDateTime, zone: string): bigint {
  const wall = r.days * 86_400 + Math.floor(r.microsOfDay / 1_000_000);
  const frac = BigInt(r.microsOfDay % 1_000_000);
  let epochSecond: number;
  if (r.offset !== undefined) epochSecond = wall - r.offset;
  else epochSecond = localToEpochSecond(wall, r.zone ?? zone);
  return BigInt(epochSecond) * MICROS_PER_SECOND + frac;
}

/** The wall time of a parse result as TIMESTAMP_NTZ microseconds (zones ignored). */
export function parsedToLocalMicros(r: ParsedDateTime): bigint {
  return BigInt(r.days) * 86_400_000_000n + BigInt(r.microsOfDay);
}
