// What a TIMESTAMP_NTZ gives a user: a wall-clock date and time with no time zone (like
// Temporal's PlainDateTime and Python's naive datetime), so its fields read the same in every
// time zone; a `Date` would move them by the process's offset.
import { inspect } from 'node:util';
import { civilFromDays, daysFromCivil, formatDate, splitMicros, stringToTimestampNTZ } from './datetime';

const MICROS_PER_DAY = 86_400_000_000n;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class PlainDateTime {
  readonly year: number;
  /** 1..12. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0..999999, as Python's `datetime.microsecond`. */
  readonly microsecond: number;

  constructor(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, microsecond = 0) {
    const parts = [['year', year], ['month', month], ['day', day], ['hour', hour], ['minute', minute], ['second', second], ['microsecond', microsecond]] as const;
    for (const [name, v] of parts) {
      if (!Number.isInteger(v)) throw new RangeError(`PlainDateTime: ${name} must be an integer, got ${String(v)}`);
    }
    const [y, m, d] = civilFromDays(daysFromCivil(year, month, day));
    if (y !== year || m !== month || d !== day) throw new RangeError(`PlainDateTime: ${year}-${month}-${day} is not a valid date`);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || microsecond < 0 || microsecond > 999_999) {
      throw new RangeError(`PlainDateTime: ${hour}:${minute}:${second}.${microsecond} is not a valid time of day`);
    }
    this.year = year;
    this.month = month;
    this.day = day;
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
  }

  /** The wall-clock time `micros` microseconds after 1970-01-01T00:00:00 (Spark's TIMESTAMP_NTZ value). */
  static fromEpochMicros(micros: bigint): PlainDateTime {
    const [seconds, fraction] = splitMicros(micros);
    const days = Math.floor(seconds / 86_400);
    const secondOfDay = seconds - days * 86_400;
    const [y, m, d] = civilFromDays(days);
    return new PlainDateTime(y, m, d, Math.floor(secondOfDay / 3600), Math.floor((secondOfDay % 3600) / 60), secondOfDay % 60, fraction);
  }

  /** "2024-05-01 10:00:00" or "2024-05-01T10:00:00.123" (Spark's TIMESTAMP_NTZ formats). */
  static parse(text: string): PlainDateTime {
    const micros = stringToTimestampNTZ(text, false);
    if (micros === null) throw new RangeError(`PlainDateTime: cannot parse '${text}' as a timestamp without time zone`);
    return PlainDateTime.fromEpochMicros(micros);
  }

  /** Microseconds since 1970-01-01T00:00:00 of this wall-clock time. */
  get epochMicros(): bigint {
    const days = BigInt(daysFromCivil(this.year, this.month, this.day));
    const seconds = BigInt(this.hour * 3600 + this.minute * 60 + this.second);
    return days * MICROS_PER_DAY + seconds * 1_000_000n + BigInt(this.microsecond);
  }

  equals(other: unknown): boolean {
    return other instanceof PlainDateTime && other.epochMicros === this.epochMicros;
  }

  /** -1, 0 or 1, for sorting. */
  static compare(a: PlainDateTime, b: PlainDateTime): number {
    const x = a.epochMicros;
    const y = b.epochMicros;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** ISO 8601 without an offset: "2024-05-01T10:00:00", with ".123456" when there are microseconds. */
  toString(): string {
    const date = formatDate(daysFromCivil(this.year, this.month, this.day));
    const time = `${pad2(this.hour)}:${pad2(this.minute)}:${pad2(this.second)}`;
    return this.microsecond === 0 ? `${date}T${time}` : `${date}T${time}.${String(this.microsecond).padStart(6, '0')}`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return `PlainDateTime ${this.toString()}`;
  }
}
