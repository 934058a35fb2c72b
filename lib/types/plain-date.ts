// What a DATE gives a user: a calendar day with no time and no time zone (like Temporal's
// PlainDate and Python's datetime.date), so it reads as the same day everywhere. A `Date` at
// local or UTC midnight would show the previous day in a time zone west of it.
import { inspect } from 'node:util';
import { civilFromDays, daysFromCivil, formatDate, stringToDate } from './datetime';

export class PlainDate {
  readonly year: number;
  /** 1..12 (not JavaScript's 0-based month). */
  readonly month: number;
  readonly day: number;

  constructor(year: number, month: number, day: number) {
    for (const [name, v] of [['year', year], ['month', month], ['day', day]] as const) {
      if (!Number.isInteger(v)) throw new RangeError(`PlainDate: ${name} must be an integer, got ${String(v)}`);
    }
    const days = daysFromCivil(year, month, day);
    const [y, m, d] = civilFromDays(days);
    if (y !== year || m !== month || d !== day) throw new RangeError(`PlainDate: ${year}-${month}-${day} is not a valid date`);
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /** The day `days` days after 1970-01-01 (Spark's DATE value). */
  static fromEpochDay(days: number): PlainDate {
    const [y, m, d] = civilFromDays(days);
    return new PlainDate(y, m, d);
  }

  /** "2024-05-01" (Spark's date formats, as CAST(... AS DATE) reads them). */
  static parse(text: string): PlainDate {
    const days = stringToDate(text);
    if (days === null) throw new RangeError(`PlainDate: cannot parse '${text}' as a date`);
    return PlainDate.fromEpochDay(days);
  }

  /** Days since 1970-01-01. */
  get epochDay(): number {
    return daysFromCivil(this.year, this.month, this.day);
  }

  equals(other: unknown): boolean {
    return other instanceof PlainDate && other.epochDay === this.epochDay;
  }

  /** -1, 0 or 1, for sorting. */
  static compare(a: PlainDate, b: PlainDate): number {
    return Math.sign(a.epochDay - b.epochDay);
  }

  /** "2024-05-01". */
  toString(): string {
    return formatDate(this.epochDay);
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return `PlainDate ${this.toString()}`;
  }
}
