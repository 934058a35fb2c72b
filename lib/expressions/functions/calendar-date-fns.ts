// Calendar arithmetic on DATE values (days since 1970-01-01) through date-fns: last_day,
// next_day, trunc/date_trunc to week/month/quarter/year and months_between's month count
// (add_months is exact arithmetic in types/datetime.ts: a JavaScript Date ends in the year
// 275760). date-fns reads and writes a Date's local calendar fields; UtcDate answers those with the
// UTC fields, so every date is a UTC midnight and results never depend on the process time zone
// (a zone that skipped a day, like Pacific/Apia on 2011-12-30, would otherwise shift dates). The
// results are java.time's proleptic Gregorian ones Spark computes. Spark's datetime pattern
// language stays in datetime-format.ts; date-fns never parses or formats here.
// One module per function: the package index loads all of date-fns (about 50 ms at start-up).
import { differenceInCalendarMonths } from 'date-fns/differenceInCalendarMonths';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { nextDay } from 'date-fns/nextDay';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfYear } from 'date-fns/startOfYear';
import type { Day } from 'date-fns/types';

const MS_PER_DAY = 86_400_000;

/** A Date whose local-time accessors are the UTC ones (date-fns builds results with `new date.constructor(...)`). */
class UtcDate extends Date {
  override getFullYear(): number { return this.getUTCFullYear(); }
  override getMonth(): number { return this.getUTCMonth(); }
  override getDate(): number { return this.getUTCDate(); }
  override getDay(): number { return this.getUTCDay(); }
  override getHours(): number { return this.getUTCHours(); }
  override getMinutes(): number { return this.getUTCMinutes(); }
  override getSeconds(): number { return this.getUTCSeconds(); }
  override getMilliseconds(): number { return this.getUTCMilliseconds(); }
  override getTimezoneOffset(): number { return 0; }
  override setFullYear(y: number, m?: number, d?: number): number { return m === undefined ? this.setUTCFullYear(y) : d === undefined ? this.setUTCFullYear(y, m) : this.setUTCFullYear(y, m, d); }
  override setMonth(m: number, d?: number): number { return d === undefined ? this.setUTCMonth(m) : this.setUTCMonth(m, d); }
  override setDate(d: number): number { return this.setUTCDate(d); }
  override setHours(h: number, m?: number, s?: number, ms?: number): number { return this.setUTCHours(h, m ?? this.getUTCMinutes(), s ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds()); }
  override setMinutes(m: number, s?: number, ms?: number): number { return this.setUTCMinutes(m, s ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds()); }
  override setSeconds(s: number, ms?: number): number { return this.setUTCSeconds(s, ms ?? this.getUTCMilliseconds()); }
  override setMilliseconds(ms: number): number { return this.setUTCMilliseconds(ms); }
}

/**
 * In a UTC process a plain Date's local fields already are the UTC ones, and date-fns runs about
 * eight times faster on plain Dates than on a Date subclass; elsewhere UtcDate keeps results exact.
 */
const PROCESS_IS_UTC = ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].includes(Intl.DateTimeFormat().resolvedOptions().timeZone);

function toCalendarDate(days: number): Date {
  return PROCESS_IS_UTC ? new Date(days * MS_PER_DAY) : new UtcDate(days * MS_PER_DAY);
}

function fromCalendarDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function lastDayOfMonthOf(days: number): number {
  return fromCalendarDate(lastDayOfMonth(toCalendarDate(days)));
}

/** next_day: the first date strictly after `days` on ISO day of week `isoDay` (1 = Monday). */
export function nextDayOfWeek(days: number, isoDay: number): number {
  return fromCalendarDate(nextDay(toCalendarDate(days), (isoDay % 7) as Day));
}

/** The first day of the year, quarter, month or ISO week (Monday) containing `days`. */
export function truncateDate(days: number, level: 'YEAR' | 'QUARTER' | 'MONTH' | 'WEEK'): number {
  const date = toCalendarDate(days);
  switch (level) {
    case 'YEAR':
      return fromCalendarDate(startOfYear(date));
    case 'QUARTER':
      return fromCalendarDate(startOfQuarter(date));
    case 'MONTH':
      return fromCalendarDate(startOfMonth(date));
    case 'WEEK':
      return fromCalendarDate(startOfISOWeek(date));
  }
}

/** Whole calendar months from `laterDays`' month back to `earlierDays`' month (day of month ignored). */
export function calendarMonthsBetween(laterDays: number, earlierDays: number): number {
  return differenceInCalendarMonths(toCalendarDate(laterDays), toCalendarDate(earlierDays));
}
