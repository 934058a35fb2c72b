// pyspark.sql.functions: datetime (re-exported by lib/functions.ts). Names and argument order
// follow PySpark; string patterns, units and durations are passed as literals as PySpark does.
import { checkColumnOrStr, checkStr } from '../argument-checks';
import { Column, literalExpr, type ColumnOrName } from '../column';
import { columnArg } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';

function fn(name: string, ...args: UnresolvedExpression[]): Column {
  return new Column(call(name, args));
}

const c = (x: ColumnOrName): UnresolvedExpression => columnArg(x);
/** A Column/column name, or a number taken as a literal (PySpark's `Union[ColumnOrName, int]`). */
const cOrInt = (x: ColumnOrName | number): UnresolvedExpression => (typeof x === 'number' ? literalExpr(x) : columnArg(x));
/** A Column, or a plain string taken as a literal (time zones, day names). */
const cOrLit = (x: Column | string): UnresolvedExpression => (x instanceof Column ? x.expr : literalExpr(x));

// ---- current time (fixed per query; the batch timestamp in streams) ----
export function current_date(): Column { return fn('current_date'); }
export function curdate(): Column { return fn('curdate'); }
export function current_timestamp(): Column { return fn('current_timestamp'); }
export function now(): Column { return fn('now'); }
export function localtimestamp(): Column { return fn('localtimestamp'); }
export function current_timezone(): Column { return fn('current_timezone'); }

// ---- fields ----
export function year(col: ColumnOrName): Column { return fn('year', c(col)); }
export function quarter(col: ColumnOrName): Column { return fn('quarter', c(col)); }
export function month(col: ColumnOrName): Column { return fn('month', c(col)); }
export function day(col: ColumnOrName): Column { return fn('day', c(col)); }
export function dayofmonth(col: ColumnOrName): Column { return fn('dayofmonth', c(col)); }
export function dayofweek(col: ColumnOrName): Column { return fn('dayofweek', c(col)); }
export function dayofyear(col: ColumnOrName): Column { return fn('dayofyear', c(col)); }
export function weekday(col: ColumnOrName): Column { return fn('weekday', c(col)); }
export function weekofyear(col: ColumnOrName): Column { return fn('weekofyear', c(col)); }
export function hour(col: ColumnOrName): Column { return fn('hour', c(col)); }
export function minute(col: ColumnOrName): Column { return fn('minute', c(col)); }
export function second(col: ColumnOrName): Column { return fn('second', c(col)); }
/** `extract(field, source)`: `field` is a Column holding the field name, e.g. `lit('YEAR')`. */
export function extract(field: Column, source: ColumnOrName): Column { return fn('extract', field.expr, c(source)); }
export function date_part(field: Column, source: ColumnOrName): Column { return fn('date_part', field.expr, c(source)); }
export function datepart(field: Column, source: ColumnOrName): Column { return fn('datepart', field.expr, c(source)); }

// ---- arithmetic ----
export function date_add(start: ColumnOrName, days: ColumnOrName | number): Column { return fn('date_add', c(start), cOrInt(days)); }
export function dateadd(start: ColumnOrName, days: ColumnOrName | number): Column { return fn('dateadd', c(start), cOrInt(days)); }
export function date_sub(start: ColumnOrName, days: ColumnOrName | number): Column { return fn('date_sub', c(start), cOrInt(days)); }
export function datediff(end: ColumnOrName, start: ColumnOrName): Column { return fn('datediff', c(end), c(start)); }
export function date_diff(end: ColumnOrName, start: ColumnOrName): Column { return fn('date_diff', c(end), c(start)); }
export function add_months(start: ColumnOrName, months: ColumnOrName | number): Column { return fn('add_months', c(start), cOrInt(months)); }
export function months_between(date1: ColumnOrName, date2: ColumnOrName, roundOff = true): Column {
  return fn('months_between', c(date1), c(date2), literalExpr(roundOff));
}
export function last_day(date: ColumnOrName): Column { return fn('last_day', c(date)); }
export function next_day(date: ColumnOrName, dayOfWeek: string): Column { return fn('next_day', c(date), literalExpr(dayOfWeek)); }
/** `timestamp_add(unit, quantity, ts)`: unit as a string such as 'HOUR'. */
export function timestamp_add(unit: string, quantity: ColumnOrName, ts: ColumnOrName): Column { return fn('__timestampadd', literalExpr(unit.toUpperCase()), c(quantity), c(ts)); }
export function timestamp_diff(unit: string, start: ColumnOrName, end: ColumnOrName): Column { return fn('__timestampdiff', literalExpr(unit.toUpperCase()), c(start), c(end)); }

// ---- truncation ----
export function trunc(date: ColumnOrName, format: string): Column { return fn('trunc', c(date), literalExpr(format)); }
export function date_trunc(format: string, timestamp: ColumnOrName): Column { return fn('date_trunc', literalExpr(format), c(timestamp)); }

// ---- construction and epoch conversions ----
export function make_date(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName): Column { return fn('make_date', c(year), c(month), c(day)); }
export function make_timestamp(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName, timezone?: ColumnOrName): Column {
  const args = [years, months, days, hours, mins, secs].map(c);
  if (timezone !== undefined) args.push(c(timezone));
  return fn('make_timestamp', ...args);
}
export function make_timestamp_ntz(years: ColumnOrName, months: ColumnOrName, days: ColumnOrName, hours: ColumnOrName, mins: ColumnOrName, secs: ColumnOrName): Column {
  return fn('make_timestamp_ntz', ...[years, months, days, hours, mins, secs].map(c));
}
export function timestamp_seconds(col: ColumnOrName): Column { return fn('timestamp_seconds', c(col)); }
export function timestamp_millis(col: ColumnOrName): Column { return fn('timestamp_millis', c(col)); }
export function timestamp_micros(col: ColumnOrName): Column { return fn('timestamp_micros', c(col)); }
export function unix_seconds(col: ColumnOrName): Column { return fn('unix_seconds', c(col)); }
export function unix_millis(col: ColumnOrName): Column { return fn('unix_millis', c(col)); }
export function unix_micros(col: ColumnOrName): Column { return fn('unix_micros', c(col)); }
export function unix_date(col: ColumnOrName): Column { return fn('unix_date', c(col)); }
export function date_from_unix_date(days: ColumnOrName): Column { return fn('date_from_unix_date', c(days)); }

// ---- patterns (Spark's datetime pattern letters: yyyy-MM-dd HH:mm:ss.SSS, EEE, a, XXX ...) ----
export function date_format(date: ColumnOrName, format: string): Column { return fn('date_format', c(date), literalExpr(format)); }
export function to_date(col: ColumnOrName, format?: string): Column {
  return format === undefined ? fn('to_date', c(col)) : fn('to_date', c(col), literalExpr(format));
}
export function to_timestamp(col: ColumnOrName, format?: string): Column {
  return format === undefined ? fn('to_timestamp', c(col)) : fn('to_timestamp', c(col), literalExpr(format));
}
export function try_to_timestamp(col: ColumnOrName, format?: Column): Column {
  return format === undefined ? fn('try_to_timestamp', c(col)) : fn('try_to_timestamp', c(col), format.expr);
}
export function to_timestamp_ltz(timestamp: ColumnOrName, format?: Column): Column {
  return format === undefined ? fn('to_timestamp_ltz', c(timestamp)) : fn('to_timestamp_ltz', c(timestamp), format.expr);
}
export function to_timestamp_ntz(timestamp: ColumnOrName, format?: Column): Column {
  return format === undefined ? fn('to_timestamp_ntz', c(timestamp)) : fn('to_timestamp_ntz', c(timestamp), format.expr);
}
export function from_unixtime(timestamp: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column { return fn('from_unixtime', c(timestamp), literalExpr(format)); }
export function unix_timestamp(timestamp?: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column {
  return timestamp === undefined ? fn('unix_timestamp') : fn('unix_timestamp', c(timestamp), literalExpr(format));
}
export function to_unix_timestamp(timestamp: ColumnOrName, format?: Column): Column {
  return format === undefined ? fn('to_unix_timestamp', c(timestamp)) : fn('to_unix_timestamp', c(timestamp), format.expr);
}

// ---- zones ----
export function from_utc_timestamp(timestamp: ColumnOrName, tz: Column | string): Column { return fn('from_utc_timestamp', c(timestamp), cOrLit(tz)); }
export function to_utc_timestamp(timestamp: ColumnOrName, tz: Column | string): Column { return fn('to_utc_timestamp', c(timestamp), cOrLit(tz)); }

// ---- event-time windows ----
/** `window(timeColumn, windowDuration[, slideDuration[, startTime]])`: struct<start, end>; tumbling windows for now. */
export function window(timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string | null, startTime?: string | null): Column {
  // PySpark's checks, in its order.
  checkColumnOrStr(timeColumn, 'col');
  checkStr(windowDuration, 'windowDuration');
  if (slideDuration !== undefined && slideDuration !== null) checkStr(slideDuration, 'slideDuration');
  if (startTime !== undefined && startTime !== null) checkStr(startTime, 'startTime');
  const args = [c(timeColumn), literalExpr(windowDuration)];
  if (slideDuration !== undefined && slideDuration !== null) args.push(literalExpr(slideDuration));
  else if (startTime !== undefined && startTime !== null) args.push(literalExpr(windowDuration));
  if (startTime !== undefined && startTime !== null) args.push(literalExpr(startTime));
  return fn('window', ...args);
}
export function window_time(windowColumn: ColumnOrName): Column { return fn('window_time', c(windowColumn)); }
/**
 * `session_window(timeColumn, gapDuration)`: struct<start, end>; grouped by it, sessions of a key
 * merge while the next event starts within the gap. The gap is a duration string or a Column.
 */
export function session_window(timeColumn: ColumnOrName, gapDuration: Column | string): Column {
  checkColumnOrStr(timeColumn, 'col');
  checkColumnOrStr(gapDuration, 'gapDuration');
  return fn('session_window', c(timeColumn), gapDuration instanceof Column ? gapDuration.expr : literalExpr(gapDuration));
}
