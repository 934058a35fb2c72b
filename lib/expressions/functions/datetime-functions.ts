// Built-in datetime functions (registered in builtin-functions.ts). Dates are days since the
// epoch (number), timestamps microseconds (bigint); TIMESTAMP (LTZ) fields are read in the
// session time zone, TIMESTAMP_NTZ fields as UTC wall time.
import { DataType, DataTypes, DecimalType } from '../../types/data-types';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException, ArithmeticException, DateTimeException } from '../../errors/spark-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { CompileContext, Evaluator, FunctionDefinition, ResolveContext, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { implicitCast, isNull, isString, typeSql } from '../type-utils';
import { castArgumentTo } from '../type-coercion';
import { Decimal } from '../../types/decimal';
import { checkArity } from './check-args';
import { castInvalidInput, compileCast, sqlValue } from '../cast';
import { arithmeticOverflow, LONG_MAX, LONG_MIN } from './arithmetic';
import {
  addMonthsToDays,
  civilFromDays,
  daysFromCivil,
  daysToMicros,
  microsToDays,
  splitMicros,
  stringToDate,
  stringToTimestamp,
  MICROS_PER_DAY,
  MICROS_PER_SECOND,
  convertTz,
} from '../../types/datetime';
import { resolveZone, zoneOffsetFunction } from '../../types/time-zone';
import { compileFormatter, compileParser, DatetimeParseError, parsedToMicros } from './datetime-pattern';
import { WINDOW_FUNCTIONS } from './datetime-window';
import { SESSION_WINDOW_FUNCTIONS } from './datetime-session-window';
import { calendarMonthsBetween, lastDayOfMonthOf, nextDayOfWeek, truncateDate } from './calendar-date-fns';

const T = DataTypes;

// ---------------------------------------------------------------------------------------------
// Argument coercion

function fnSql(name: string, args: Expression[]): string {
  return `${name}(${args.map(prettySql).join(', ')})`;
}

function coerce(sqlText: string, args: Expression[], i: number, to: DataType, required: string, ansi: boolean): Expression {
  const cast = castArgumentTo(args[i], to, ansi);
  if (cast === undefined) throw unexpectedInputTypeError(sqlText, i, required, prettySql(args[i]), typeSql(args[i].dataType));
  return cast;
}

const asDate = (s: string, a: Expression[], i: number, ansi: boolean) => coerce(s, a, i, T.DateType, '"DATE"', ansi);
const asString = (s: string, a: Expression[], i: number, ansi: boolean) => coerce(s, a, i, T.StringType, '"STRING"', ansi);

/** TIMESTAMP_NTZ stays as it is; anything else castable becomes TIMESTAMP. */
function asAnyTimestamp(s: string, a: Expression[], i: number, ansi: boolean): Expression {
  if (a[i].dataType.typeName() === 'timestamp_ntz') return a[i];
  return coerce(s, a, i, T.TimestampType, '"TIMESTAMP"', ansi);
}

function asTimestamp(s: string, a: Expression[], i: number, ansi: boolean): Expression {
  return coerce(s, a, i, T.TimestampType, '"TIMESTAMP"', ansi);
}

/** An INT/SMALLINT/TINYINT argument (date_add's days); strings are cast to INT. */
function asSmallIntegral(name: string, s: string, a: Expression[], i: number, ansi: boolean): Expression {
  const t = a[i].dataType.typeName();
  if (t === 'integer' || t === 'short' || t === 'byte') return a[i];
  if (isNull(a[i].dataType)) return implicitCast(a[i], T.IntegerType);
  if (isString(a[i].dataType)) {
    const e = a[i];
    // Legacy mode takes only string literals here (Spark's StringLiteralCoercion).
    if (!ansi && e.kind !== 'literal') throw unexpectedInputTypeError(s, i, '("INT" or "SMALLINT" or "TINYINT")', prettySql(e), typeSql(e.dataType));
    if (!ansi && e.kind === 'literal' && e.value !== null && !/^\s*[+-]?\d+\s*$/.test(String(e.value))) {
      const params = { functionName: `\`${name}\`` };
      throw new AnalysisException(`The second argument of ${params.functionName} function needs to be an integer.`, {
        errorClass: 'SECOND_FUNCTION_ARGUMENT_NOT_INTEGER',
        sqlState: '22023',
        messageParameters: params,
      });
    }
    return implicitCast(e, T.IntegerType);
  }
  throw unexpectedInputTypeError(s, i, '("INT" or "SMALLINT" or "TINYINT")', prettySql(a[i]), typeSql(a[i].dataType));
}

function asNumeric(s: string, a: Expression[], i: number, to: DataType, required: string, ansi: boolean): Expression {
  return coerce(s, a, i, to, required, ansi);
}

// ---------------------------------------------------------------------------------------------
// Definition helper: null in -> null out, values handed to `impl` unboxed.

type Impl = (...values: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Spec {
  name: string;
  min: number;
  max?: number;
  /** Coerces the arguments (after defaults) and gives the result type. */
  args(args: Expression[], ctx: ResolveContext, sqlText: string): { args: Expression[]; dataType: DataType; nullable?: boolean };
  impl(argTypes: DataType[], ctx: CompileContext, resultType: DataType): Impl;
  /** Evaluate even when an argument is null (the impl handles null). */
  nullIntolerant?: false;
  sql?(args: string[]): string;
}

function define(spec: Spec): ScalarFunction {
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: spec.name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, spec.min, spec.max ?? spec.min);
      return spec.args(args, ctx, fnSql(spec.name, args));
    },
    compile(argEvals, argTypes, resultType, ctx): Evaluator {
      const impl = spec.impl(argTypes, ctx, resultType);
      const nullSafe = spec.nullIntolerant !== false;
      switch (argEvals.length) {
        case 0:
          return () => impl();
        case 1: {
          const [a] = argEvals;
          return (row) => {
            const x = a(row);
            return x === null && nullSafe ? null : impl(x);
          };
        }
        case 2: {
          const [a, b] = argEvals;
          return (row) => {
            const x = a(row);
            if (x === null && nullSafe) return null;
            const y = b(row);
            return y === null && nullSafe ? null : impl(x, y);
          };
        }
        default:
          return (row) => {
            const vals = new Array(argEvals.length);
            for (let i = 0; i < argEvals.length; i++) {
              const v = argEvals[i](row);
              if (v === null && nullSafe) return null;
              vals[i] = v;
            }
            return impl(...vals);
          };
      }
    },
  };
  if (spec.sql) fn.sql = spec.sql;
  return fn;
}

// ---------------------------------------------------------------------------------------------
// Errors

function cannotParseTimestamp(message: string): SparkException {
  const params = { message, func: '`try_to_timestamp`' };
  return new DateTimeException(`${message}. Use ${params.func} to tolerate invalid input string and return NULL instead.`, {
    errorClass: 'CANNOT_PARSE_TIMESTAMP',
    sqlState: '22007',
    messageParameters: params,
  });
}

function fieldOutOfBounds(message: string): SparkException {
  const params = { rangeMessage: message };
  return new DateTimeException(`${message}.`, { errorClass: 'DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION', sqlState: '22023', messageParameters: params });
}

function datetimeOverflow(operation: string): SparkException {
  const params = { operation };
  return new ArithmeticException(`Datetime operation overflow: ${operation}.`, { errorClass: 'DATETIME_OVERFLOW', sqlState: '22008', messageParameters: params });
}

function illegalDayOfWeek(input: string): SparkException {
  const params = { string: input };
  return new DateTimeException(`Illegal input for day of week: ${input}.`, { errorClass: 'ILLEGAL_DAY_OF_WEEK', sqlState: '22009', messageParameters: params });
}

function invalidDatetimeUnit(functionName: string, invalidValue: string): AnalysisException {
  const params = { functionName: `\`${functionName}\``, parameter: '`unit`', invalidValue: `'${invalidValue}'` };
  return new AnalysisException(`The value of parameter(s) ${params.parameter} in ${params.functionName} is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal ${params.invalidValue}.`, {
    errorClass: 'INVALID_PARAMETER_VALUE.DATETIME_UNIT',
    sqlState: '22023',
    messageParameters: params,
  });
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** 1 = Monday .. 7 = Sunday. */
function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function isoWeekOfYear(days: number): number {
  const dow = isoDayOfWeek(days);
  const thursday = days - dow + 4;
  const [y] = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
}


/** Wall-clock [days, microsOfDay] of a timestamp value of type `t` in `zone`. */
function wallClock(micros: bigint, ntz: boolean, zone: string): [number, number] {
  const [sec, frac] = splitMicros(micros);
  const local = ntz ? sec : sec + zoneOffsetFunction(zone)(sec);
  const days = Math.floor(local / 86_400);
  return [days, (local - days * 86_400) * 1_000_000 + frac];
}

function fromWall(days: number, microsOfDay: number, ntz: boolean, zone: string): bigint {
  const wallMicros = BigInt(days) * MICROS_PER_DAY + BigInt(microsOfDay);
  if (ntz) return wallMicros;
  return convertTz(wallMicros, zone, 'UTC');
}

const DAY_NAMES: Record<string, number> = { MO: 1, MON: 1, MONDAY: 1, TU: 2, TUE: 2, TUESDAY: 2, WE: 3, WED: 3, WEDNESDAY: 3, TH: 4, THU: 4, THURSDAY: 4, FR: 5, FRI: 5, FRIDAY: 5, SA: 6, SAT: 6, SATURDAY: 6, SU: 7, SUN: 7, SUNDAY: 7 };

// ---------------------------------------------------------------------------------------------
// Field extraction

function dateField(name: string, op: (days: number) => number): ScalarFunction {
  return define({
    name,
    min: 1,
    args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled)], dataType: T.IntegerType }),
    impl: () => op,
  });
}

const year = dateField('year', (d) => civilFromDays(d)[0]);
const quarter = dateField('quarter', (d) => Math.floor((civilFromDays(d)[1] - 1) / 3) + 1);
const month = dateField('month', (d) => civilFromDays(d)[1]);
const day = dateField('day', (d) => civilFromDays(d)[2]);
const dayofmonth = dateField('dayofmonth', (d) => civilFromDays(d)[2]);
const dayofweek = dateField('dayofweek', (d) => (isoDayOfWeek(d) % 7) + 1);
const weekday = dateField('weekday', (d) => isoDayOfWeek(d) - 1);
const dayofyear = dateField('dayofyear', (d) => d - daysFromCivil(civilFromDays(d)[0], 1, 1) + 1);
const weekofyear = dateField('weekofyear', isoWeekOfYear);

function timeField(name: string, op: (microsOfDay: number) => unknown, resultType: DataType = T.IntegerType): ScalarFunction {
  return define({
    name,
    min: 1,
    args: (a, ctx, s) => ({ args: [asAnyTimestamp(s, a, 0, ctx.ansiEnabled)], dataType: resultType }),
    impl: ([t], ctx) => {
      const ntz = t.typeName() === 'timestamp_ntz';
      return (v: bigint) => op(wallClock(v, ntz, ctx.timeZone)[1]);
    },
  });
}

const hour = timeField('hour', (m) => Math.floor(m / 3_600_000_000));
const minute = timeField('minute', (m) => Math.floor(m / 60_000_000) % 60);
const second = timeField('second', (m) => Math.floor(m / 1_000_000) % 60);

// ---------------------------------------------------------------------------------------------
// Date arithmetic

function dateAddLike(name: string, sign: number): ScalarFunction {
  return define({
    name,
    min: 2,
    args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled), asSmallIntegral(name, s, a, 1, ctx.ansiEnabled)], dataType: T.DateType }),
    impl: () => (d: number, n: number) => d + sign * n,
  });
}

const dateAdd = dateAddLike('date_add', 1);
const dateSub = dateAddLike('date_sub', -1);

const datediff = define({
  name: 'datediff',
  min: 2,
  args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled), asDate(s, a, 1, ctx.ansiEnabled)], dataType: T.IntegerType }),
  impl: () => (end: number, start: number) => end - start,
});

const dateDiff = { ...datediff, name: 'date_diff' } as ScalarFunction;

const addMonthsFn = define({
  name: 'add_months',
  min: 2,
  args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled), coerce(s, a, 1, T.IntegerType, '"INT"', ctx.ansiEnabled)], dataType: T.DateType }),
  impl: () => (d: number, n: number) => {
    const days = addMonthsToDays(d, n);
    // A DATE is an int of days: Spark's Math.toIntExact fails beyond it.
    if (days > 2_147_483_647 || days < -2_147_483_648) throw arithmeticOverflow('overflow', '');
    return days;
  },
});

const lastDay = define({
  name: 'last_day',
  min: 1,
  args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled)], dataType: T.DateType }),
  impl: () => (d: number) => lastDayOfMonthOf(d),
});

const nextDay = define({
  name: 'next_day',
  min: 2,
  args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled), asString(s, a, 1, ctx.ansiEnabled)], dataType: T.DateType }),
  impl: (_t, ctx) => (d: number, name: string) => {
    const target = DAY_NAMES[name.trim().toUpperCase()];
    if (target === undefined) {
      if (ctx.ansiEnabled) throw illegalDayOfWeek(name);
      return null;
    }
    return nextDayOfWeek(d, target);
  },
});

const monthsBetween = define({
  name: 'months_between',
  min: 2,
  max: 3,
  args: (a, ctx, s) => {
    const full = a.length === 2 ? [...a, { kind: 'literal', value: true, dataType: T.BooleanType } as Expression] : a;
    return {
      args: [asTimestamp(s, full, 0, ctx.ansiEnabled), asTimestamp(s, full, 1, ctx.ansiEnabled), coerce(s, full, 2, T.BooleanType, '"BOOLEAN"', ctx.ansiEnabled)],
      dataType: T.DoubleType,
    };
  },
  impl: (_t, ctx) => (t1: bigint, t2: bigint, round: boolean) => {
    const [d1, m1] = wallClock(t1, false, ctx.timeZone);
    const [d2, m2] = wallClock(t2, false, ctx.timeZone);
    const [y1, mo1, dd1] = civilFromDays(d1);
    const [y2, mo2, dd2] = civilFromDays(d2);
    const monthDiff = calendarMonthsBetween(d1, d2);
    const last1 = dd1 === daysInMonth(y1, mo1);
    const last2 = dd2 === daysInMonth(y2, mo2);
    if (dd1 === dd2 || (last1 && last2)) return monthDiff;
    const secondsInDay1 = Math.floor(m1 / 1_000_000);
    const secondsInDay2 = Math.floor(m2 / 1_000_000);
    const secondsDiff = (dd1 - dd2) * 86_400 + secondsInDay1 - secondsInDay2;
    const diff = monthDiff + secondsDiff / (31 * 86_400);
    return round ? Math.round(diff * 1e8) / 1e8 : diff;
  },
});

// ---------------------------------------------------------------------------------------------
// Truncation

function truncDateLevel(fmt: string): string | undefined {
  switch (fmt.toUpperCase()) {
    case 'YEAR':
    case 'YYYY':
    case 'YY':
      return 'YEAR';
    case 'QUARTER':
      return 'QUARTER';
    case 'MONTH':
    case 'MM':
    case 'MON':
      return 'MONTH';
    case 'WEEK':
      return 'WEEK';
  }
  return undefined;
}

function truncDays(d: number, level: string): number {
  return level === 'YEAR' || level === 'QUARTER' || level === 'MONTH' || level === 'WEEK' ? truncateDate(d, level) : d;
}

const trunc = define({
  name: 'trunc',
  min: 2,
  args: (a, ctx, s) => ({ args: [asDate(s, a, 0, ctx.ansiEnabled), asString(s, a, 1, ctx.ansiEnabled)], dataType: T.DateType }),
  impl: () => (d: number, fmt: string) => {
    const level = truncDateLevel(fmt);
    return level === undefined ? null : truncDays(d, level);
  },
});

const TIME_UNITS: Record<string, number> = { DAY: 86_400_000_000, DD: 86_400_000_000, HOUR: 3_600_000_000, MINUTE: 60_000_000, SECOND: 1_000_000, MILLISECOND: 1000, MICROSECOND: 1 };

const dateTrunc = define({
  name: 'date_trunc',
  min: 2,
  args: (a, ctx, s) => ({ args: [asString(s, a, 0, ctx.ansiEnabled), asAnyTimestamp(s, a, 1, ctx.ansiEnabled)], dataType: a[1].dataType.typeName() === 'timestamp_ntz' ? T.TimestampNTZType : T.TimestampType }),
  impl: ([, t], ctx) => {
    const ntz = t.typeName() === 'timestamp_ntz';
    return (fmt: string, v: bigint) => {
      const u = fmt.toUpperCase();
      const unit = TIME_UNITS[u];
      const [days, mod] = wallClock(v, ntz, ctx.timeZone);
      if (unit !== undefined) return fromWall(days, mod - (mod % unit), ntz, ctx.timeZone);
      const level = truncDateLevel(u);
      if (level === undefined) return null;
      return fromWall(truncDays(days, level), 0, ntz, ctx.timeZone);
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Construction and epoch conversions

const makeDate = define({
  name: 'make_date',
  min: 3,
  args: (a, ctx, s) => ({ args: [0, 1, 2].map((i) => coerce(s, a, i, T.IntegerType, '"INT"', ctx.ansiEnabled)), dataType: T.DateType }),
  impl: (_t, ctx) => (y: number, m: number, d: number) => {
    if (m < 1 || m > 12) {
      if (ctx.ansiEnabled) throw fieldOutOfBounds(`Invalid value for MonthOfYear (valid values 1 - 12): ${m}`);
      return null;
    }
    if (d < 1 || d > 31) {
      if (ctx.ansiEnabled) throw fieldOutOfBounds(`Invalid value for DayOfMonth (valid values 1 - 28/31): ${d}`);
      return null;
    }
    if (d > daysInMonth(y, m)) {
      if (ctx.ansiEnabled) throw fieldOutOfBounds(`Invalid date '${['', 'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'][m]} ${d}'`);
      return null;
    }
    return daysFromCivil(y, m, d);
  },
});

function makeTimestampImpl(ansi: boolean, zone: string, ntz: boolean) {
  return (y: number, mo: number, d: number, h: number, mi: number, sec: Decimal, tz?: string) => {
    const bad = (msg: string) => {
      if (ansi) throw fieldOutOfBounds(msg);
      return null;
    };
    const secMicros = sec.setScale(6, 'DOWN').unscaled;
    let seconds = Number(secMicros / 1_000_000n);
    const micros = Number(secMicros % 1_000_000n);
    if (mo < 1 || mo > 12) return bad(`Invalid value for MonthOfYear (valid values 1 - 12): ${mo}`);
    if (d < 1 || d > daysInMonth(y, mo)) return bad(`Invalid value for DayOfMonth (valid values 1 - 28/31): ${d}`);
    if (h < 0 || h > 23) return bad(`Invalid value for HourOfDay (valid values 0 - 23): ${h}`);
    if (mi < 0 || mi > 59) return bad(`Invalid value for MinuteOfHour (valid values 0 - 59): ${mi}`);
    let extraMinute = 0;
    if (seconds === 60 && micros === 0) {
      seconds = 0;
      extraMinute = 1;
    } else if (seconds < 0 || seconds > 60) {
      return bad(`Invalid value for SecondOfMinute (valid values 0 - 59): ${seconds}`);
    } else if (seconds === 60) {
      if (ansi) {
        const params = { secAndMicros: sec.toPlainString() };
        throw new DateTimeException(`Valid range for seconds is [0, 60] (inclusive), but the provided value is ${params.secAndMicros}. To avoid this error, use \`try_make_timestamp\`, which returns NULL on error.`, { errorClass: 'INVALID_FRACTION_OF_SECOND', sqlState: '22023', messageParameters: params });
      }
      return null;
    }
    const days = daysFromCivil(y, mo, d);
    const microsOfDay = ((h * 3600 + mi * 60 + seconds + extraMinute * 60) * 1_000_000) + micros;
    if (ntz) return BigInt(days) * MICROS_PER_DAY + BigInt(microsOfDay);
    const z = tz ?? zone;
    if (tz !== undefined && !resolveZone(tz)) return null;
    return fromWall(days, microsOfDay, false, z);
  };
}

/** make_timestamp(date[, time[, timezone]]): TIME values are out of scope, so only a NULL time. */
function makeTimestampFromDate(name: string, tryMode: boolean): ScalarFunction {
  return define({
    name,
    min: 1,
    max: 3,
    args: (a, ctx, s) => {
      const out = [asDate(s, a, 0, ctx.ansiEnabled)];
      if (a.length >= 2) {
        if (!isNull(a[1].dataType)) throw unexpectedInputTypeError(s, 1, '"TIME"', prettySql(a[1]), typeSql(a[1].dataType));
        out.push(a[1]);
      }
      if (a.length === 3) out.push(asString(s, a, 2, ctx.ansiEnabled));
      return { args: out, dataType: T.TimestampType };
    },
    impl: (types, ctx) => (d: number, time?: unknown, tz?: string) => {
      if (types.length >= 2 && time === null) return null;
      const zone = tz ?? ctx.timeZone;
      if (!resolveZone(zone)) return tryMode ? null : null;
      return fromWall(d, 0, false, zone);
    },
  });
}

function makeTimestampFn(name: string, ntz: boolean, tryMode = false): ScalarFunction {
  const dateForm = ntz ? undefined : makeTimestampFromDate(name, tryMode);
  const full = makeTimestampFullFn(name, ntz, tryMode);
  if (!dateForm) return full;
  return {
    ...full,
    resolve(args, ctx) {
      return args.length <= 3 ? dateForm.resolve(args, ctx) : full.resolve(args, ctx);
    },
    compile(evals, types, rt, ctx) {
      return evals.length <= 3 ? dateForm.compile(evals, types, rt, ctx) : full.compile(evals, types, rt, ctx);
    },
  };
}

function makeTimestampFullFn(name: string, ntz: boolean, tryMode: boolean): ScalarFunction {
  return define({
    name,
    min: 6,
    max: ntz ? 6 : 7,
    args: (a, ctx, s) => ({
      args: a.map((_, i) => (i < 5 ? coerce(s, a, i, T.IntegerType, '"INT"', ctx.ansiEnabled) : i === 5 ? coerce(s, a, i, new DecimalType(16, 6), '"DECIMAL(16,6)"', ctx.ansiEnabled) : asString(s, a, i, ctx.ansiEnabled))),
      dataType: ntz ? T.TimestampNTZType : T.TimestampType,
    }),
    impl: (_t, ctx) => makeTimestampImpl(ctx.ansiEnabled && !tryMode, ctx.timeZone, ntz),
  });
}

const makeTimestamp = makeTimestampFn('make_timestamp', false);
const makeTimestampNtz = makeTimestampFn('make_timestamp_ntz', true);
const makeTimestampLtz = makeTimestampFn('make_timestamp_ltz', false);
const tryMakeTimestamp = makeTimestampFn('try_make_timestamp', false, true);

function checkedMicros(v: bigint, op: string): bigint {
  if (v > LONG_MAX || v < LONG_MIN) throw datetimeOverflow(op);
  return v;
}

const timestampSeconds = define({
  name: 'timestamp_seconds',
  min: 1,
  args: (a, _ctx, s) => {
    const t = a[0].dataType;
    if (!(t instanceof DecimalType) && !['byte', 'short', 'integer', 'long', 'float', 'double', 'void'].includes(t.typeName())) {
      throw unexpectedInputTypeError(s, 0, '"NUMERIC"', prettySql(a[0]), typeSql(t));
    }
    return { args: [isNull(t) ? implicitCast(a[0], T.LongType) : a[0]], dataType: T.TimestampType };
  },
  impl: ([t]) => {
    const name = t instanceof DecimalType ? 'decimal' : t.typeName();
    if (name === 'float' || name === 'double') {
      return (v: number) => {
        if (!Number.isFinite(v)) return null;
        return checkedMicros(BigInt(Math.trunc(v * 1_000_000)), `${v}`);
      };
    }
    if (name === 'decimal') {
      return (v: Decimal) => {
        const micros = v.setScale(6, 'DOWN');
        // Spark multiplies as BigDecimal and takes longValueExact: sub-microsecond digits fail.
        if (v.scale > 6 && micros.compare(v) !== 0) throw new SparkException('Rounding necessary');
        return checkedMicros(micros.unscaled, v.toPlainString());
      };
    }
    return (v: number | bigint) => checkedMicros(BigInt(v) * MICROS_PER_SECOND, `${v}`);
  },
});

function timestampFromIntegral(name: string, factor: bigint): ScalarFunction {
  return define({
    name,
    min: 1,
    args: (a, ctx, s) => {
      const tn = a[0].dataType.typeName();
      if (!['byte', 'short', 'integer', 'long', 'void'].includes(tn)) throw unexpectedInputTypeError(s, 0, '"INTEGRAL"', prettySql(a[0]), typeSql(a[0].dataType));
      return { args: [implicitCast(a[0], T.LongType)], dataType: T.TimestampType };
    },
    impl: () => (v: bigint) => checkedMicros(v * factor, `${v}`),
  });
}

const timestampMillis = timestampFromIntegral('timestamp_millis', 1000n);
const timestampMicros = timestampFromIntegral('timestamp_micros', 1n);

function unixFrom(name: string, divisor: bigint): ScalarFunction {
  return define({
    name,
    min: 1,
    args: (a, ctx, s) => ({ args: [asTimestamp(s, a, 0, ctx.ansiEnabled)], dataType: T.LongType }),
    impl: () => (v: bigint) => {
      const q = v / divisor;
      return v < 0n && q * divisor !== v ? q - 1n : q;
    },
  });
}

const unixSeconds = unixFrom('unix_seconds', 1_000_000n);
const unixMillis = unixFrom('unix_millis', 1000n);
const unixMicros = unixFrom('unix_micros', 1n);

const unixDate = define({
  name: 'unix_date',
  min: 1,
  args: (a, _ctx, s) => {
    const tn = a[0].dataType.typeName();
    if (tn !== 'date' && tn !== 'void') throw unexpectedInputTypeError(s, 0, '"DATE"', prettySql(a[0]), typeSql(a[0].dataType));
    return { args: [implicitCast(a[0], T.DateType)], dataType: T.IntegerType };
  },
  impl: () => (d: number) => d,
});

const dateFromUnixDate = define({
  name: 'date_from_unix_date',
  min: 1,
  args: (a, ctx, s) => ({ args: [coerce(s, a, 0, T.IntegerType, '"INT"', ctx.ansiEnabled)], dataType: T.DateType }),
  impl: () => (d: number) => d,
});

// ---------------------------------------------------------------------------------------------
// Current time: one value per query (per micro-batch in streams), read from the compile context.

function nowMicros(ctx: CompileContext): () => bigint {
  if (ctx.currentTimestampMicros) return ctx.currentTimestampMicros;
  let fixed: bigint | undefined;
  return () => (fixed ??= BigInt(Date.now()) * 1000n);
}

function currentFn(name: string, dataType: DataType, value: (micros: bigint, ctx: CompileContext) => unknown): ScalarFunction {
  return define({
    name,
    min: 0,
    args: () => ({ args: [], dataType, nullable: false }),
    impl: (_t, ctx) => {
      const now = nowMicros(ctx);
      return () => value(now(), ctx);
    },
  });
}

const currentDate = currentFn('current_date', T.DateType, (m, ctx) => microsToDays(m, ctx.timeZone));
const curdate = currentFn('curdate', T.DateType, (m, ctx) => microsToDays(m, ctx.timeZone));
const currentTimestamp = currentFn('current_timestamp', T.TimestampType, (m) => m);
const now = currentFn('now', T.TimestampType, (m) => m);
const localTimestamp = currentFn('localtimestamp', T.TimestampNTZType, (m, ctx) => convertTz(m, 'UTC', ctx.timeZone));
const currentTimezone = currentFn('current_timezone', T.StringType, (_m, ctx) => ctx.timeZone);

// ---------------------------------------------------------------------------------------------
// Patterns: date_format, to_timestamp, to_date, unix_timestamp, from_unixtime

/** A formatter/parser per pattern value, compiled once per distinct pattern. */
function cachedByPattern<F>(make: (pattern: string) => F): (pattern: string) => F {
  let lastPattern: string | undefined;
  let last: F | undefined;
  return (pattern) => {
    if (pattern !== lastPattern || last === undefined) {
      last = make(pattern);
      lastPattern = pattern;
    }
    return last;
  };
}

const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss';

const dateFormat = define({
  name: 'date_format',
  min: 2,
  args: (a, ctx, s) => ({ args: [asAnyTimestamp(s, a, 0, ctx.ansiEnabled), asString(s, a, 1, ctx.ansiEnabled)], dataType: T.StringType }),
  impl: ([t], ctx) => {
    const zone = t.typeName() === 'timestamp_ntz' ? 'UTC' : ctx.timeZone;
    const get = cachedByPattern((p) => compileFormatter(p, zone));
    return (v: bigint, p: string) => get(p)(v);
  },
});

const fromUnixtime = define({
  name: 'from_unixtime',
  min: 1,
  max: 2,
  args: (a, ctx, s) => {
    const full = a.length === 1 ? [...a, { kind: 'literal', value: DEFAULT_FORMAT, dataType: T.StringType } as Expression] : a;
    return { args: [coerce(s, full, 0, T.LongType, '"BIGINT"', ctx.ansiEnabled), asString(s, full, 1, ctx.ansiEnabled)], dataType: T.StringType };
  },
  impl: (_t, ctx) => {
    const get = cachedByPattern((p) => compileFormatter(p, ctx.timeZone));
    return (v: bigint, p: string) => get(p)(v * MICROS_PER_SECOND);
  },
  sql: (a) => `from_unixtime(${a.join(', ')})`,
});

/**
 * The shared core of to_timestamp/to_date/unix_timestamp: a value of `t` (string parsed with
 * the pattern, or a date/timestamp/number converted) to TIMESTAMP microseconds, or null.
 */
function toMicrosConverter(t: DataType, ctx: CompileContext, failOnError: boolean, hasFormat: boolean): (v: unknown, pattern: string | null) => bigint | null {
  const zone = ctx.timeZone;
  switch (t.typeName()) {
    case 'date':
      return (v) => daysToMicros(v as number, zone);
    case 'timestamp':
      return (v) => v as bigint;
    case 'timestamp_ntz':
      return (v) => convertTz(v as bigint, zone, 'UTC');
    case 'integer':
    case 'short':
    case 'byte':
    case 'long':
      return (v) => BigInt(v as number) * MICROS_PER_SECOND;
    case 'float':
    case 'double':
      return (v) => (Number.isFinite(v as number) ? BigInt(Math.trunc((v as number) * 1e6)) : null);
  }
  if (t instanceof DecimalType) return (v) => (v as Decimal).setScale(6, 'DOWN').unscaled;
  const get = cachedByPattern((p) => compileParser(p));
  return (v, pattern) => {
    const text = v as string;
    if (!hasFormat || pattern === null) {
      const r = stringToTimestamp(text, zone);
      // Without a pattern Spark casts (ParseToTimestamp's replacement is a Cast).
      if (r === null && failOnError) throw castInvalidInput(`'${text}'`, T.StringType, T.TimestampType);
      return r;
    }
    const parser = get(pattern);
    try {
      return parsedToMicros(parser(text), zone);
    } catch (e) {
      if (e instanceof DatetimeParseError) {
        if (failOnError) throw cannotParseTimestamp(e.message);
        return null;
      }
      throw e;
    }
  };
}

function timestampSource(s: string, a: Expression[], ctx: ResolveContext, required: string): Expression {
  const tn = a[0].dataType.typeName();
  if (a[0].dataType instanceof DecimalType || ['string', 'date', 'timestamp', 'timestamp_ntz', 'integer', 'short', 'byte', 'long', 'float', 'double'].includes(tn)) return a[0];
  if (tn === 'void') return implicitCast(a[0], T.StringType);
  if (tn === 'char' || tn === 'varchar') return implicitCast(a[0], T.StringType);
  throw unexpectedInputTypeError(s, 0, required, prettySql(a[0]), typeSql(a[0].dataType));
}

function parseFn(name: string, resultType: DataType, forceNull: boolean, finish: (micros: bigint, ctx: CompileContext) => unknown): ScalarFunction {
  return define({
    name,
    min: 1,
    max: 2,
    args: (a, ctx, s) => {
      const src = timestampSource(s, a, ctx, '("STRING" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ")');
      return { args: a.length === 2 ? [src, asString(s, a, 1, ctx.ansiEnabled)] : [src], dataType: resultType };
    },
    impl: (types, ctx) => {
      const conv = toMicrosConverter(types[0], ctx, ctx.ansiEnabled && !forceNull, types.length === 2);
      return (v: unknown, p?: string) => {
        const m = conv(v, p ?? null);
        return m === null ? null : finish(m, ctx);
      };
    },
  });
}

const toTimestamp = parseFn('to_timestamp', T.TimestampType, false, (m) => m);
const tryToTimestamp = parseFn('try_to_timestamp', T.TimestampType, true, (m) => m);
const toTimestampLtz = parseFn('to_timestamp_ltz', T.TimestampType, false, (m) => m);
const toTimestampNtz = parseFn('to_timestamp_ntz', T.TimestampNTZType, false, (m, ctx) => convertTz(m, 'UTC', ctx.timeZone));
const toDateParsed = parseFn('to_date', T.DateType, false, (m, ctx) => microsToDays(m, ctx.timeZone));

/** to_date(string) without a pattern is CAST(string AS DATE) (text after the date is allowed). */
const toDate: ScalarFunction = {
  ...toDateParsed,
  compile(evals, types, rt, ctx) {
    if (evals.length === 2 || types[0].typeName() !== 'string') return toDateParsed.compile(evals, types, rt, ctx);
    const [a] = evals;
    return (row) => {
      const v = a(row);
      if (v === null) return null;
      const d = stringToDate(v as string);
      if (d === null && ctx.ansiEnabled) throw castInvalidInput(`'${v as string}'`, T.StringType, T.DateType);
      return d;
    };
  },
};

function floorSeconds(m: bigint): bigint {
  const q = m / MICROS_PER_SECOND;
  return m < 0n && q * MICROS_PER_SECOND !== m ? q - 1n : q;
}

function unixTimestampFn(name: string): ScalarFunction {
  const inner = parseFn(name, T.LongType, false, floorSeconds);
  return {
    ...inner,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 0, 2);
      if (args.length === 0) return { args: [], dataType: T.LongType, nullable: false };
      const full = args.length === 1 ? [...args, { kind: 'literal', value: DEFAULT_FORMAT, dataType: T.StringType } as Expression] : args;
      return inner.resolve(full, ctx);
    },
    compile(evals, types, rt, ctx) {
      if (evals.length === 0) {
        const nowFn = nowMicros(ctx);
        return () => floorSeconds(nowFn());
      }
      return inner.compile(evals, types, rt, ctx);
    },
  };
}

const unixTimestamp = unixTimestampFn('unix_timestamp');
const toUnixTimestamp = unixTimestampFn('to_unix_timestamp');

// ---------------------------------------------------------------------------------------------
// Zone shifts

function zoneShift(name: string, toUtc: boolean): ScalarFunction {
  return define({
    name,
    min: 2,
    args: (a, ctx, s) => ({ args: [asTimestamp(s, a, 0, ctx.ansiEnabled), asString(s, a, 1, ctx.ansiEnabled)], dataType: T.TimestampType }),
    impl: () => (v: bigint, tz: string) => {
      if (!resolveZone(tz)) return null;
      return toUtc ? convertTz(v, tz, 'UTC') : convertTz(v, 'UTC', tz);
    },
  });
}

const fromUtcTimestamp = zoneShift('from_utc_timestamp', false);
const toUtcTimestamp = zoneShift('to_utc_timestamp', true);

// ---------------------------------------------------------------------------------------------
// extract / date_part

const EXTRACT_FIELDS: Record<string, string> = {
  YEAR: 'year', Y: 'year', YEARS: 'year', YR: 'year', YRS: 'year',
  QUARTER: 'quarter', QTR: 'quarter',
  MONTH: 'month', MON: 'month', MONS: 'month', MONTHS: 'month',
  WEEK: 'week', W: 'week', WEEKS: 'week',
  DAY: 'day', D: 'day', DAYS: 'day',
  DAYOFWEEK: 'dow', DOW: 'dow', DAYOFWEEK_ISO: 'dow_iso', DOW_ISO: 'dow_iso',
  DOY: 'doy',
  HOUR: 'hour', H: 'hour', HOURS: 'hour', HR: 'hour', HRS: 'hour',
  MINUTE: 'minute', M: 'minute', MIN: 'minute', MINS: 'minute', MINUTES: 'minute',
  SECOND: 'second', S: 'second', SEC: 'second', SECONDS: 'second', SECS: 'second',
};

function invalidExtractField(field: string, source: Expression): AnalysisException {
  const params = { field: `\`${field}\``, expr: `"${prettySql(source)}"` };
  return new AnalysisException(`The value ${params.field} of the field is invalid for ${params.expr}.`, { errorClass: 'INVALID_EXTRACT_FIELD', sqlState: '42601', messageParameters: params });
}

const datePart = define({
  name: 'date_part',
  min: 2,
  args: (a, ctx, s) => {
    const f = a[0];
    if (f.kind !== 'literal' || typeof f.value !== 'string') throw unexpectedInputTypeError(s, 0, '"STRING"', prettySql(f), typeSql(f.dataType));
    const field = EXTRACT_FIELDS[f.value.toUpperCase()];
    const src = a[1];
    const tn = src.dataType.typeName();
    if (field === undefined || !['date', 'timestamp', 'timestamp_ntz', 'string', 'void'].includes(tn)) throw invalidExtractField(f.value, src);
    const timeField = field === 'hour' || field === 'minute' || field === 'second';
    const arg = timeField ? asAnyTimestamp(s, a, 1, ctx.ansiEnabled) : tn === 'date' || tn === 'timestamp' || tn === 'timestamp_ntz' ? src : asTimestamp(s, a, 1, ctx.ansiEnabled);
    return { args: [f, arg], dataType: field === 'second' ? new DecimalType(8, 6) : T.IntegerType };
  },
  impl: ([, t], ctx) => {
    const tn = t.typeName();
    const ntz = tn === 'timestamp_ntz';
    return (field: string, v: number | bigint) => {
      const f = EXTRACT_FIELDS[field.toUpperCase()];
      const [days, mod] = tn === 'date' ? [v as number, 0] : wallClock(v as bigint, ntz, ctx.timeZone);
      const [y, m, d] = civilFromDays(days);
      switch (f) {
        case 'year': return y;
        case 'quarter': return Math.floor((m - 1) / 3) + 1;
        case 'month': return m;
        case 'week': return isoWeekOfYear(days);
        case 'day': return d;
        case 'dow': return (isoDayOfWeek(days) % 7) + 1;
        case 'dow_iso': return isoDayOfWeek(days);
        case 'doy': return days - daysFromCivil(y, 1, 1) + 1;
        case 'hour': return Math.floor(mod / 3_600_000_000);
        case 'minute': return Math.floor(mod / 60_000_000) % 60;
        case 'second': return Decimal.of(BigInt(mod % 60_000_000), 6);
      }
      return null;
    };
  },
});

// ---------------------------------------------------------------------------------------------
// timestampadd / timestampdiff: the parser turns the unit keyword into a string literal.

const UNIT_MICROS: Record<string, bigint> = { MICROSECOND: 1n, MILLISECOND: 1000n, SECOND: 1_000_000n, MINUTE: 60_000_000n, HOUR: 3_600_000_000n };

/** The unit literal of timestampadd/timestampdiff, upper-cased. */
function unitOf(name: string, e: Expression): string {
  if (e.kind !== 'literal' || typeof e.value !== 'string') throw invalidDatetimeUnit(name, prettySql(e));
  const u = e.value.toUpperCase();
  if (!(u in UNIT_MICROS) && !['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'DAYOFYEAR'].includes(u)) throw invalidDatetimeUnit(name, e.value);
  return u;
}

function timestampOperand(s: string, a: Expression[], i: number, ansi: boolean): Expression {
  const tn = a[i].dataType.typeName();
  if (tn === 'timestamp' || tn === 'timestamp_ntz') return a[i];
  return asTimestamp(s, a, i, ansi);
}

const timestampAdd = define({
  name: 'timestampadd',
  min: 3,
  args: (a, ctx, s) => {
    unitOf('timestampadd', a[0]);
    const ts = timestampOperand(s, a, 2, ctx.ansiEnabled);
    return { args: [a[0], coerce(s, a, 1, T.LongType, '"BIGINT"', ctx.ansiEnabled), ts], dataType: ts.dataType };
  },
  impl: (types, ctx) => {
    const ntz = types[2].typeName() === 'timestamp_ntz';
    const sqlOf = (v: bigint) => sqlValue(v, types[2], ctx.timeZone);
    const movedDays = (u: string, days: number, n: number): number | undefined => {
      switch (u) {
        case 'DAY':
          return days + n;
        case 'WEEK':
          return days + 7 * n;
        case 'MONTH':
          return addMonthsToDays(days, n);
        case 'QUARTER':
          return addMonthsToDays(days, 3 * n);
        case 'YEAR':
          return addMonthsToDays(days, 12 * n);
      }
      return undefined;
    };
    return (unit: string, q: bigint, v: bigint) => {
      const u = unit.toUpperCase();
      // Spark's text names the amount as a BIGINT literal and the timestamp as its SQL literal.
      const operation = () => `add ${q}L ${u} to ${sqlOf(v)}`;
      const step = UNIT_MICROS[u];
      if (step !== undefined) return checkedMicros(v + q * step, operation());
      const [days, mod] = wallClock(v, ntz, ctx.timeZone);
      const moved = movedDays(u, days, Number(q));
      if (moved === undefined) throw invalidDatetimeUnit('timestampadd', unit);
      // Far beyond the range of a timestamp (java.time's years end at 999,999,999).
      if (!Number.isSafeInteger(moved)) throw datetimeOverflow(operation());
      return checkedMicros(fromWall(moved, mod, ntz, ctx.timeZone), operation());
    };
  },
});

/** java.time LocalDateTime.until(end, MONTHS) on wall clocks. */
function monthsUntil(d1: number, t1: number, d2: number, t2: number): number {
  let end = d2;
  if (d2 > d1 && t2 < t1) end = d2 - 1;
  else if (d2 < d1 && t2 > t1) end = d2 + 1;
  const [y1, m1, dd1] = civilFromDays(d1);
  const [y2, m2, dd2] = civilFromDays(end);
  const packed1 = (y1 * 12 + m1 - 1) * 32 + dd1;
  const packed2 = (y2 * 12 + m2 - 1) * 32 + dd2;
  return Math.trunc((packed2 - packed1) / 32);
}

const timestampDiff = define({
  name: 'timestampdiff',
  min: 3,
  args: (a, ctx, s) => {
    unitOf('timestampdiff', a[0]);
    let x = timestampOperand(s, a, 1, ctx.ansiEnabled);
    let y = timestampOperand(s, a, 2, ctx.ansiEnabled);
    if (x.dataType.typeName() !== y.dataType.typeName()) {
      x = implicitCast(x, T.TimestampType);
      y = implicitCast(y, T.TimestampType);
    }
    return { args: [a[0], x, y], dataType: T.LongType };
  },
  impl: (types, ctx) => {
    const ntz = types[1].typeName() === 'timestamp_ntz';
    return (unit: string, start: bigint, end: bigint) => {
      const u = unit.toUpperCase();
      const step = UNIT_MICROS[u];
      if (step !== undefined) return (end - start) / step;
      const [d1, t1] = wallClock(start, ntz, ctx.timeZone);
      const [d2, t2] = wallClock(end, ntz, ctx.timeZone);
      const wallDiff = (BigInt(d2) - BigInt(d1)) * MICROS_PER_DAY + BigInt(t2 - t1);
      switch (u) {
        case 'DAY':
          return wallDiff / MICROS_PER_DAY;
        case 'WEEK':
          return wallDiff / (7n * MICROS_PER_DAY);
        case 'MONTH':
          return BigInt(monthsUntil(d1, t1, d2, t2));
        case 'QUARTER':
          return BigInt(Math.trunc(monthsUntil(d1, t1, d2, t2) / 3));
        case 'YEAR':
          return BigInt(Math.trunc(monthsUntil(d1, t1, d2, t2) / 12));
      }
      throw invalidDatetimeUnit('timestampdiff', unit);
    };
  },
});

/** date_add/datediff called with three arguments: the unit was quoted, which Spark rejects. */
function withQuotedUnitCheck(fn: ScalarFunction): ScalarFunction {
  return {
    ...fn,
    resolve(args, ctx) {
      if (args.length === 3) {
        const u = args[0];
        throw invalidDatetimeUnit(ctx.name.toLowerCase(), u.kind === 'literal' ? String(u.value) : prettySql(u));
      }
      return fn.resolve(args, ctx);
    },
  };
}

/** timediff(unit, a, b) reaches here only with a quoted unit (the keyword form is timestampdiff). */
function quotedUnitOnly(name: string): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 3);
      const u = args[0];
      throw invalidDatetimeUnit(name, u.kind === 'literal' ? String(u.value) : prettySql(u));
    },
    compile() {
      return () => null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// date(x) / timestamp(x): Spark's cast functions, named after their argument.

function castFunction(name: string, to: DataType): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args, dataType: to };
    },
    compile([a], [from], _rt, ctx) {
      const convert = compileCast(from, to, !ctx.ansiEnabled, ctx.timeZone);
      return (row) => {
        const v = a(row);
        return v === null ? null : convert(v);
      };
    },
    sql: (a) => a[0],
  };
}

export const DATETIME_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: year, aliases: [] },
  { fn: quarter, aliases: [] },
  { fn: month, aliases: [] },
  { fn: day, aliases: [] },
  { fn: dayofmonth, aliases: [] },
  { fn: dayofweek, aliases: [] },
  { fn: weekday, aliases: [] },
  { fn: dayofyear, aliases: [] },
  { fn: weekofyear, aliases: [] },
  { fn: hour, aliases: [] },
  { fn: minute, aliases: [] },
  { fn: second, aliases: [] },
  { fn: withQuotedUnitCheck(dateAdd), aliases: ['dateadd'] },
  { fn: dateSub, aliases: [] },
  { fn: withQuotedUnitCheck(datediff), aliases: [] },
  { fn: withQuotedUnitCheck(dateDiff), aliases: [] },
  // The keyword-unit forms (the parser's internal names); called by name the unit is quoted and rejected.
  { fn: { ...timestampAdd, name: '__timestampadd', sql: (a: string[]) => `timestampadd(${a.join(', ')})` } as ScalarFunction, aliases: [] },
  { fn: { ...timestampDiff, name: '__timestampdiff', sql: (a: string[]) => `timestampdiff(${a.join(', ')})` } as ScalarFunction, aliases: [] },
  { fn: quotedUnitOnly('timestampadd'), aliases: [] },
  { fn: quotedUnitOnly('timestampdiff'), aliases: [] },
  { fn: castFunction('date', T.DateType), aliases: [] },
  { fn: castFunction('timestamp', T.TimestampType), aliases: [] },
  // Spark's other cast functions (int(x), float(x)...), registered here until a cast family owns them.
  ...([
    ['boolean', T.BooleanType],
    ['tinyint', T.ByteType],
    ['smallint', T.ShortType],
    ['int', T.IntegerType],
    ['bigint', T.LongType],
    ['float', T.FloatType],
    ['double', T.DoubleType],
    ['string', T.StringType],
    ['binary', T.BinaryType],
    ['decimal', new DecimalType(10, 0)],
  ] as [string, DataType][]).map(([n, t]) => ({ fn: castFunction(n, t) as FunctionDefinition, aliases: [] as string[] })),
  { fn: addMonthsFn, aliases: [] },
  { fn: lastDay, aliases: [] },
  { fn: nextDay, aliases: [] },
  { fn: monthsBetween, aliases: [] },
  { fn: trunc, aliases: [] },
  { fn: dateTrunc, aliases: [] },
  { fn: makeDate, aliases: [] },
  { fn: makeTimestamp, aliases: [] },
  { fn: makeTimestampNtz, aliases: [] },
  { fn: makeTimestampLtz, aliases: [] },
  { fn: tryMakeTimestamp, aliases: [] },
  { fn: timestampSeconds, aliases: [] },
  { fn: timestampMillis, aliases: [] },
  { fn: timestampMicros, aliases: [] },
  { fn: unixSeconds, aliases: [] },
  { fn: unixMillis, aliases: [] },
  { fn: unixMicros, aliases: [] },
  { fn: unixDate, aliases: [] },
  { fn: dateFromUnixDate, aliases: [] },
  { fn: currentDate, aliases: [] },
  { fn: curdate, aliases: [] },
  { fn: currentTimestamp, aliases: [] },
  { fn: now, aliases: [] },
  { fn: localTimestamp, aliases: [] },
  { fn: currentTimezone, aliases: [] },
  { fn: dateFormat, aliases: [] },
  { fn: fromUnixtime, aliases: [] },
  { fn: toTimestamp, aliases: [] },
  { fn: tryToTimestamp, aliases: [] },
  { fn: toTimestampLtz, aliases: [] },
  { fn: toTimestampNtz, aliases: [] },
  { fn: toDate, aliases: [] },
  { fn: unixTimestamp, aliases: [] },
  { fn: toUnixTimestamp, aliases: [] },
  { fn: fromUtcTimestamp, aliases: [] },
  { fn: toUtcTimestamp, aliases: [] },
  { fn: datePart, aliases: ['datepart'] },
  { fn: { ...datePart, name: 'extract', sql: (a: string[]) => `extract(${a[0]} FROM ${a[1]})` } as ScalarFunction, aliases: [] },
  { fn: quotedUnitOnly('timediff'), aliases: [] },
  ...WINDOW_FUNCTIONS,
  ...SESSION_WINDOW_FUNCTIONS,
];
