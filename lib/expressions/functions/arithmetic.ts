// + - * / % div, unary minus and plus, with Spark's result types: integral and floating types
// widen, decimals follow DecimalPrecision (integers promote to decimal(10,0)/(20,0), integer
// literals to their own digits, decimal with float/double -> double), `/` on non-decimals is
// double. ANSI mode raises ARITHMETIC_OVERFLOW / DIVIDE_BY_ZERO / NUMERIC_VALUE_OUT_OF_RANGE;
// legacy mode wraps integers and gives null. Datetime and interval forms of + and -:
// date ± int, date - date, timestamp - timestamp, timestamp/date ± interval, interval ± interval.
import {
  CalendarIntervalType,
  DataType,
  DataTypes,
  DateType,
  DecimalType,
  FloatType,
  DoubleType,
  IntegralType,
  NullType,
  TimestampNTZType,
  TimestampType,
  type CalendarInterval,
} from '../../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../../types/interval-types';
import { Decimal, toDecimal } from '../../types/decimal';
import {
  addResultType,
  decimalForLiteral,
  decimalForType,
  divideResultType,
  multiplyResultType,
  remainderResultType,
} from '../../types/decimal-precision';
import { addMonthsToDays, splitMicros } from '../../types/datetime';
import { localToEpochSecond, zoneOffsetFunction } from '../../types/time-zone';
import { SparkException, ArithmeticException } from '../../errors/spark-exception';
import { binaryOpDiffTypesError, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import { binaryOpWrongTypeError } from '../type-coercion';
import type { ScalarFunction, Evaluator, ResolveContext, CompileContext } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { implicitCast, isIntegral, isNull, isNumeric, isString, typeSql, widerNumericType } from '../type-utils';
import { decimalOutOfRange } from '../cast';
import { checkArity } from './check-args';
import { constantOf } from '../constant-evaluator';

const ANSI_CONFIG = '"spark.sql.ansi.enabled"';

/** ARITHMETIC_OVERFLOW (22003); `hint` names the try_ function that tolerates it, if any. */
export function arithmeticOverflow(message: string, hint: string): SparkException {
  const alternative = hint ? ` Use '${hint}' to tolerate overflow and return NULL instead.` : '';
  return new ArithmeticException(`${message}.${alternative} If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`, {
    errorClass: 'ARITHMETIC_OVERFLOW',
    sqlState: '22003',
    messageParameters: { message, alternative, config: ANSI_CONFIG },
  });
}

/** DIVIDE_BY_ZERO (22012). */
export function divideByZero(): SparkException {
  return new ArithmeticException(
    `Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set ${ANSI_CONFIG} to "false" to bypass this error.`,
    { errorClass: 'DIVIDE_BY_ZERO', sqlState: '22012', messageParameters: { config: ANSI_CONFIG } },
  );
}

const NUMERIC_OR_INTERVAL = '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")';

const isDecimal = (t: DataType): t is DecimalType => t instanceof DecimalType;
const isFloating = (t: DataType): boolean => t instanceof FloatType || t instanceof DoubleType;
const isYm = (t: DataType): t is YearMonthIntervalType => t instanceof YearMonthIntervalType;
const isDt = (t: DataType): t is DayTimeIntervalType => t instanceof DayTimeIntervalType;
const isCal = (t: DataType): boolean => t instanceof CalendarIntervalType;
const isDate = (t: DataType): boolean => t instanceof DateType;
const isTs = (t: DataType): boolean => t instanceof TimestampType || t instanceof TimestampNTZType;
const isIntegralT = (t: DataType): boolean => t instanceof IntegralType;
const isTemporal = (t: DataType): boolean => isDate(t) || isTs(t) || isYm(t) || isDt(t) || isCal(t);

// ---------------------------------------------------------------------------------------------
// Numeric operand coercion

/** The decimal an operand promotes to next to a decimal: literals keep only their digits. */
function decimalOperandType(e: Expression): DecimalType | undefined {
  if (isDecimal(e.dataType)) return e.dataType;
  if (e.kind === 'literal' && isIntegralT(e.dataType)) return decimalForLiteral(e.value, e.dataType);
  return decimalForType(e.dataType);
}

interface NumericPair {
  args: Expression[];
  /** The common operand type. */
  type: DataType;
}

/**
 * Both operands coerced to one numeric type (strings promoted as below). `wrongType`: the input
 * type Spark's operator names when both sides have one type it does not take
 * (BINARY_OP_WRONG_TYPE).
 */
function resolveNumericPair(symbol: string, args: Expression[], ctx: ResolveContext, wrongType: { input: string; list: boolean }): NumericPair {
  checkArity(ctx.name, args, 2);
  let [l, r] = args;
  const sqlExpr = `(${prettySql(l)} ${symbol} ${prettySql(r)})`;
  const lt = isNull(l.dataType) ? r.dataType : l.dataType;
  const rt = isNull(r.dataType) ? l.dataType : r.dataType;
  // ANSI (AnsiStringPromotionTypeCoercion): a string next to an integral type becomes BIGINT,
  // otherwise DOUBLE; legacy mode always casts the string to DOUBLE.
  const operand = (t: DataType, other: DataType) => (isString(t) ? (ctx.ansiEnabled && isIntegral(other) ? DataTypes.LongType : DataTypes.DoubleType) : isNull(t) ? DataTypes.IntegerType : t);
  const lo = operand(lt, rt);
  const ro = operand(rt, lt);
  if (!isNumeric(lo) || !isNumeric(ro)) {
    if (lo.equals(ro)) throw binaryOpWrongTypeError(sqlExpr, wrongType.input, lo, wrongType.list);
    // A string operand was cast first (to BIGINT or DOUBLE): Spark names the type it became.
    throw binaryOpDiffTypesError(sqlExpr, typeSql(isString(lt) ? lo : l.dataType), typeSql(isString(rt) ? ro : r.dataType));
  }
  if ((isDecimal(lo) || isDecimal(ro)) && !isFloating(lo) && !isFloating(ro)) {
    // Decimal with integral or decimal: each side keeps its own decimal type.
    const ld = isNull(l.dataType) ? (ro as DecimalType) : decimalOperandType(l);
    const rd = isNull(r.dataType) ? (lo as DecimalType) : decimalOperandType(r);
    const lType = ld ?? (lo as DecimalType);
    const rType = rd ?? (ro as DecimalType);
    return { args: [implicitCast(l, lType), implicitCast(r, rType)], type: lType };
  }
  const type = isDecimal(lo) || isDecimal(ro) ? DataTypes.DoubleType : widerNumericType(lo, ro);
  l = implicitCast(l, type);
  r = implicitCast(r, type);
  return { args: [l, r], type };
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

type IntOp = (a: number, b: number) => number;
type BigOp = (a: bigint, b: bigint) => bigint;

/** Integral evaluation with Spark's overflow behaviour for the operand type. */
function integralEvaluator(l: Evaluator, r: Evaluator, type: DataType, symbol: string, hint: string, numberOp: IntOp, bigintOp: BigOp, ansi: boolean): Evaluator {
  const name = type.typeName();
  if (name === 'long') {
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      const v = bigintOp(a as bigint, b as bigint);
      if (v < LONG_MIN || v > LONG_MAX) {
        if (ansi) throw arithmeticOverflow('long overflow', hint);
        return BigInt.asIntN(64, v);
      }
      return v;
    };
  }
  if (name === 'integer') {
    const wrapOp: IntOp = symbol === '*' ? Math.imul : (a, b) => numberOp(a, b) | 0;
    const constant = constantOf(r)?.value;
    if (typeof constant === 'number') {
      // `x + 1`, `x * 2`: no call for the constant operand per row.
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const v = numberOp(a as number, constant);
        if (v < INT_MIN || v > INT_MAX) {
          if (ansi) throw arithmeticOverflow('integer overflow', hint);
          return wrapOp(a as number, constant);
        }
        return v;
      };
    }
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      const v = numberOp(a as number, b as number);
      if (v < INT_MIN || v > INT_MAX) {
        if (ansi) throw arithmeticOverflow('integer overflow', hint);
        return wrapOp(a as number, b as number);
      }
      return v;
    };
  }
  const bits = name === 'short' ? 16 : 8;
  const min = -(2 ** (bits - 1));
  const max = 2 ** (bits - 1) - 1;
  return (row) => {
    const a = l(row);
    if (a === null) return null;
    const b = r(row);
    if (b === null) return null;
    const v = numberOp(a as number, b as number);
    if (v < min || v > max) {
      if (ansi) throw arithmeticOverflow(`${a}S ${symbol} ${b}S caused overflow`, hint);
      return (v << (32 - bits)) >> (32 - bits);
    }
    return v;
  };
}

/** A decimal result fitted to its type: ANSI error or null when it does not fit. */
function fitDecimal(v: Decimal, type: DecimalType, ansi: boolean): Decimal | null {
  const r = v.toPrecision(type.precision, type.scale, 'HALF_UP');
  if (r !== null) return r;
  if (ansi) throw decimalOutOfRange(v, type.precision, type.scale);
  return null;
}

function decimalEvaluator(l: Evaluator, r: Evaluator, type: DecimalType, ansi: boolean, op: (a: Decimal, b: Decimal) => Decimal | null): Evaluator {
  return (row) => {
    const a = l(row);
    if (a === null) return null;
    const b = r(row);
    if (b === null) return null;
    const v = op(toDecimal(a), toDecimal(b));
    return v === null ? null : fitDecimal(v, type, ansi);
  };
}

function binaryNullSafe(l: Evaluator, r: Evaluator, op: (a: unknown, b: unknown) => unknown): Evaluator {
  return (row) => {
    const a = l(row);
    if (a === null) return null;
    const b = r(row);
    if (b === null) return null;
    return op(a, b);
  };
}

function literalNullable(args: Expression[]): boolean {
  return args.some((a) => a.kind !== 'literal') || args.some((a) => a.kind === 'literal' && a.value === null);
}

// ---------------------------------------------------------------------------------------------
// Datetime and interval forms of + and -

type TemporalPlan = { args: Expression[]; dataType: DataType } | undefined;

function widerDt(a: DayTimeIntervalType, b: DayTimeIntervalType): DayTimeIntervalType {
  return new DayTimeIntervalType(Math.min(a.startField, b.startField), Math.max(a.endField, b.endField));
}

function widerYm(a: YearMonthIntervalType, b: YearMonthIntervalType): YearMonthIntervalType {
  return new YearMonthIntervalType(Math.min(a.startField, b.startField), Math.max(a.endField, b.endField));
}

/** The result of `l ± r` when a datetime or interval is involved; undefined when none is. */
function resolveTemporal(symbol: '+' | '-', l: Expression, r: Expression): TemporalPlan {
  let lt = l.dataType;
  let rt = r.dataType;
  if (lt instanceof NullType) lt = rt;
  if (rt instanceof NullType) rt = lt;
  const temporal = (t: DataType) => isDate(t) || isTs(t) || isYm(t) || isDt(t) || isCal(t);
  if (!temporal(lt) && !temporal(rt)) return undefined;
  const cast = (dl: DataType, dr: DataType): TemporalPlan => ({ args: [implicitCast(l, dl), implicitCast(r, dr)], dataType: dl });
  if (isYm(lt) && isYm(rt)) {
    const t = widerYm(lt, rt);
    return { args: [implicitCast(l, t), implicitCast(r, t)], dataType: t };
  }
  if (isDt(lt) && isDt(rt)) {
    const t = widerDt(lt, rt);
    return { args: [implicitCast(l, t), implicitCast(r, t)], dataType: t };
  }
  if (isCal(lt) && isCal(rt)) return cast(lt, rt);
  if (isDate(lt) && isCal(rt)) return { args: [l, r], dataType: DataTypes.DateType };
  // Spark: date ± INTERVAL DAY is date_add(date, extractansiintervaldays(interval)), a date.
  if (isDate(lt) && isDt(rt) && rt.startField === 0 && rt.endField === 0) return { args: [l, r], dataType: DataTypes.DateType };
  if ((isTs(lt) || isDate(lt)) && (isDt(rt) || isCal(rt))) {
    const ts = isDate(lt) ? DataTypes.TimestampType : lt;
    return { args: [implicitCast(l, ts), r], dataType: ts };
  }
  if ((isTs(lt) || isDate(lt)) && isYm(rt)) return { args: [l, r], dataType: lt };
  if (symbol === '+' && (isDt(lt) || isCal(lt) || isYm(lt)) && (isTs(rt) || isDate(rt))) {
    // interval + datetime: same as datetime + interval, operands swapped at compile time.
    const plan = resolveTemporal('+', r, l);
    return plan && { args: [plan.args[1], plan.args[0]], dataType: plan.dataType };
  }
  if (isDate(lt) && isIntegralT(rt) && !(rt.typeName() === 'long')) return { args: [l, implicitCast(r, DataTypes.IntegerType)], dataType: DataTypes.DateType };
  if (symbol === '+' && isIntegralT(lt) && !(lt.typeName() === 'long') && isDate(rt)) return { args: [implicitCast(l, DataTypes.IntegerType), r], dataType: DataTypes.DateType };
  if (symbol === '-' && isDate(lt) && isDate(rt)) return { args: [l, r], dataType: new DayTimeIntervalType(0, 0) };
  if (symbol === '-' && (isTs(lt) || isDate(lt)) && (isTs(rt) || isDate(rt))) {
    const common = lt instanceof TimestampNTZType && rt instanceof TimestampNTZType ? lt : DataTypes.TimestampType;
    return { args: [implicitCast(l, common), implicitCast(r, common)], dataType: new DayTimeIntervalType(0, 3) };
  }
  return undefined;
}

/** Spark's timestampAddInterval: months and days move the local date-time in `zone`, micros the instant. */
function addToTimestamp(micros: bigint, months: number, days: number, extra: bigint, zone: string): bigint {
  let t = micros;
  if (months !== 0 || days !== 0) {
    const [epochSecond, fraction] = splitMicros(t);
    const local = epochSecond + zoneOffsetFunction(zone)(epochSecond);
    const localDays = Math.floor(local / 86_400);
    const secondOfDay = local - localDays * 86_400;
    const newDays = addMonthsToDays(localDays, months) + days;
    t = BigInt(localToEpochSecond(newDays * 86_400 + secondOfDay, zone)) * 1_000_000n + BigInt(fraction);
  }
  return checkedLong(t + extra);
}

/** A timestamp is a long of micros: Spark's Math.addExact / multiplyExact fail beyond it ("long overflow"). */
function checkedLong(micros: bigint): bigint {
  if (micros > LONG_MAX || micros < LONG_MIN) throw new ArithmeticException('long overflow');
  return micros;
}

function illegalDateInterval(): SparkException {
  // Spark's ansiIllegalArgumentError (a legacy error class: message only).
  const message = 'Cannot add hours, minutes or seconds, milliseconds, microseconds to a date';
  return new SparkException(`${message}. If necessary set ${ANSI_CONFIG} to false to bypass this error.`, {
    errorClass: '_LEGACY_ERROR_TEMP_2000',
    messageParameters: { message, ansiConfig: ANSI_CONFIG },
  });
}

function checkLong(v: bigint, ansi: boolean): bigint | null {
  if (v < LONG_MIN || v > LONG_MAX) {
    if (ansi) throw arithmeticOverflow('long overflow', '');
    return null;
  }
  return v;
}

function temporalEvaluator(symbol: '+' | '-', l: Evaluator, r: Evaluator, lt: DataType, rt: DataType, ctx: CompileContext): Evaluator {
  const sign = symbol === '+' ? 1 : -1;
  const ansi = ctx.ansiEnabled;
  const zoneOf = (t: DataType) => (t instanceof TimestampNTZType ? 'UTC' : ctx.timeZone);
  if (isYm(lt) && isYm(rt)) {
    return binaryNullSafe(l, r, (a, b) => {
      const v = (a as number) + sign * (b as number);
      if (v < INT_MIN || v > INT_MAX) throw arithmeticOverflow('integer overflow', '');
      return v;
    });
  }
  if (isDt(lt) && isDt(rt)) {
    return binaryNullSafe(l, r, (a, b) => {
      const v = (a as bigint) + BigInt(sign) * (b as bigint);
      if (v < LONG_MIN || v > LONG_MAX) throw arithmeticOverflow('long overflow', '');
      return v;
    });
  }
  if (isCal(lt) && isCal(rt)) {
    return binaryNullSafe(l, r, (a, b) => {
      const x = a as CalendarInterval;
      const y = b as CalendarInterval;
      return { months: x.months + sign * y.months, days: x.days + sign * y.days, microseconds: x.microseconds + BigInt(sign) * y.microseconds };
    });
  }
  // Operand order is datetime first, interval second (resolve swapped `interval + datetime`).
  const [dl, dr, dlt, drt] = isTs(lt) || isDate(lt) ? [l, r, lt, rt] : [r, l, rt, lt];
  if (isTs(dlt) && isDt(drt)) {
    // One BigInt operation per row (a join's time-range condition evaluates this per candidate pair).
    if (sign === 1) return binaryNullSafe(dl, dr, (a, b) => checkLong((a as bigint) + (b as bigint), ansi));
    return binaryNullSafe(dl, dr, (a, b) => checkLong((a as bigint) - (b as bigint), ansi));
  }
  if (isTs(dlt) && isCal(drt)) {
    const zone = zoneOf(dlt);
    return binaryNullSafe(dl, dr, (a, b) => {
      const i = b as CalendarInterval;
      return addToTimestamp(a as bigint, sign * i.months, sign * i.days, BigInt(sign) * i.microseconds, zone);
    });
  }
  if (isTs(dlt) && isYm(drt)) {
    const zone = zoneOf(dlt);
    return binaryNullSafe(dl, dr, (a, b) => addToTimestamp(a as bigint, sign * (b as number), 0, 0n, zone));
  }
  if (isDate(dlt) && isDt(drt)) return binaryNullSafe(dl, dr, (a, b) => (a as number) + sign * Number((b as bigint) / 86_400_000_000n));
  if (isDate(dlt) && isYm(drt)) return binaryNullSafe(dl, dr, (a, b) => addMonthsToDays(a as number, sign * (b as number)));
  if (isDate(dlt) && isCal(drt)) {
    // Spark's DateAddInterval: months and days move the date; time units need a timestamp.
    return binaryNullSafe(dl, dr, (a, b) => {
      const i = b as CalendarInterval;
      const days = addMonthsToDays(a as number, sign * i.months) + sign * i.days;
      if (i.microseconds === 0n) return days;
      if (ansi) throw illegalDateInterval();
      const t = addToTimestamp(BigInt(localToEpochSecond((a as number) * 86_400, ctx.timeZone)) * 1_000_000n, sign * i.months, sign * i.days, BigInt(sign) * i.microseconds, ctx.timeZone);
      const [epochSecond] = splitMicros(t);
      return Math.floor((epochSecond + zoneOffsetFunction(ctx.timeZone)(epochSecond)) / 86_400);
    });
  }
  if (isDate(lt) && isDate(rt)) return binaryNullSafe(l, r, (a, b) => BigInt((a as number) - (b as number)) * 86_400_000_000n);
  if (isDate(lt) || isDate(rt)) {
    // date ± int
    return binaryNullSafe(l, r, (a, b) => (isDate(lt) ? (a as number) + sign * (b as number) : (a as number) + (b as number)));
  }
  if (isTs(lt) && isTs(rt)) {
    if (lt instanceof TimestampNTZType && rt instanceof TimestampNTZType) return binaryNullSafe(l, r, (a, b) => checkLong((a as bigint) - (b as bigint), ansi));
    // Spark's subtractTimestamps: the difference of the two local date-times in the session time
    // zone (wall clock), so a span across a daylight-saving change is not an hour off.
    const offset = zoneOffsetFunction(ctx.timeZone);
    const local = (micros: bigint) => micros + BigInt(offset(splitMicros(micros)[0])) * 1_000_000n;
    return binaryNullSafe(l, r, (a, b) => checkLong(local(a as bigint) - local(b as bigint), ansi));
  }
  throw new SparkException(`Unsupported ${symbol} on ${typeSql(lt)} and ${typeSql(rt)}.`, { errorClass: 'INTERNAL_ERROR', sqlState: 'XX000' });
}

// ---------------------------------------------------------------------------------------------
// + - *

function binaryArithmetic(name: '+' | '-' | '*', tryName: string, numberOp: IntOp, bigintOp: BigOp, decimalOp: (a: Decimal, b: Decimal) => Decimal, resultType: (a: DecimalType, b: DecimalType) => DecimalType): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      if (name !== '*') {
        const plan = resolveTemporal(name, args[0], args[1]);
        if (plan) return { args: plan.args, dataType: plan.dataType, nullable: true };
      }
      const wrongType = name === '*' ? { input: 'NUMERIC', list: false } : { input: NUMERIC_OR_INTERVAL, list: true };
      const { args: coerced, type } = resolveNumericPair(name, args, ctx, wrongType);
      if (isDecimal(type)) {
        const dataType = resultType(coerced[0].dataType as DecimalType, coerced[1].dataType as DecimalType);
        return { args: coerced, dataType, nullable: true };
      }
      return { args: coerced, dataType: type, nullable: literalNullable(coerced) };
    },
    compile([l, r], argTypes, type, ctx) {
      if (name !== '*' && (isTemporal(argTypes[0]) || isTemporal(argTypes[1]))) {
        return temporalEvaluator(name, l, r, argTypes[0], argTypes[1], ctx);
      }
      if (isDecimal(type)) {
        const op = name === '*' ? (a: Decimal, b: Decimal) => decimalOp(a, b).roundToDigits(38) : decimalOp;
        return decimalEvaluator(l, r, type, ctx.ansiEnabled, op);
      }
      const typeName = type.typeName();
      if (typeName === 'double' || typeName === 'float') {
        const round = typeName === 'float' ? Math.fround : (x: number) => x;
        return binaryNullSafe(l, r, (a, b) => round(numberOp(a as number, b as number)));
      }
      return integralEvaluator(l, r, type, name, tryName, numberOp, bigintOp, ctx.ansiEnabled);
    },
    sql: (args) => `(${args[0]} ${name} ${args[1]})`,
  };
}

export const add = binaryArithmetic('+', 'try_add', (a, b) => a + b, (a, b) => a + b, (a, b) => a.add(b), addResultType);
export const subtract = binaryArithmetic('-', 'try_subtract', (a, b) => a - b, (a, b) => a - b, (a, b) => a.subtract(b), addResultType);
export const multiply = binaryArithmetic('*', 'try_multiply', (a, b) => a * b, (a, b) => a * b, (a, b) => a.multiply(b), multiplyResultType);

// ---------------------------------------------------------------------------------------------
// / % div

/** `/`: double division, or decimal division when decimals meet integers/decimals. */
export const divide: ScalarFunction = {
  kind: 'scalar',
  name: '/',
  resolve(args, ctx) {
    const { args: coerced, type } = resolveNumericPair('/', args, ctx, { input: '("DOUBLE" or "DECIMAL")', list: true });
    if (isDecimal(type)) {
      return { args: coerced, dataType: divideResultType(coerced[0].dataType as DecimalType, coerced[1].dataType as DecimalType), nullable: true };
    }
    return { args: coerced.map((a) => implicitCast(a, DataTypes.DoubleType)), dataType: DataTypes.DoubleType, nullable: true };
  },
  compile([l, r], _t, type, ctx) {
    const ansi = ctx.ansiEnabled;
    if (isDecimal(type)) {
      return decimalEvaluator(l, r, type, ansi, (a, b) => {
        if (b.isZero()) {
          if (ansi) throw divideByZero();
          return null;
        }
        return a.divide(b, 38, 'HALF_UP');
      });
    }
    return binaryNullSafe(l, r, (a, b) => {
      if (b === 0) {
        if (ansi) throw divideByZero();
        return null;
      }
      return (a as number) / (b as number);
    });
  },
  sql: (args) => `(${args[0]} / ${args[1]})`,
};

export const remainder: ScalarFunction = {
  kind: 'scalar',
  name: '%',
  resolve(args, ctx) {
    const { args: coerced, type } = resolveNumericPair('%', args, ctx, { input: 'NUMERIC', list: false });
    if (isDecimal(type)) {
      return { args: coerced, dataType: remainderResultType(coerced[0].dataType as DecimalType, coerced[1].dataType as DecimalType), nullable: true };
    }
    return { args: coerced, dataType: type, nullable: true };
  },
  compile([l, r], _t, type, ctx) {
    const ansi = ctx.ansiEnabled;
    if (isDecimal(type)) {
      return decimalEvaluator(l, r, type, ansi, (a, b) => {
        if (b.isZero()) {
          if (ansi) throw divideByZero();
          return null;
        }
        return a.remainder(b);
      });
    }
    const isLong = type.typeName() === 'long';
    const round = type.typeName() === 'float' ? Math.fround : (x: number) => x;
    const integral = type instanceof IntegralType;
    const constant = constantOf(r)?.value;
    if (integral && !isLong && typeof constant === 'number' && constant !== 0) {
      // `x % 3`: the divisor is known non-zero; `|| 0` keeps Java's non-negative zero.
      return (row) => {
        const a = l(row);
        return a === null ? null : (a as number) % constant || 0;
      };
    }
    return binaryNullSafe(l, r, (a, b) => {
      if (b === 0 || b === 0n) {
        if (ansi) throw divideByZero();
        return null;
      }
      // `|| 0` turns JS's -0 remainder of integers into 0 (Java ints have no -0).
      return isLong ? (a as bigint) % (b as bigint) : integral ? (a as number) % (b as number) || 0 : round((a as number) % (b as number));
    });
  },
  sql: (args) => `(${args[0]} % ${args[1]})`,
};

/** `div`: integral division, result bigint (decimals divide exactly, then truncate). */
export const integralDivide: ScalarFunction = {
  kind: 'scalar',
  name: 'div',
  resolve(args, ctx) {
    const { args: coerced, type } = resolveNumericPair('div', args, ctx, { input: '("BIGINT" or "DECIMAL" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', list: true });
    if (isDecimal(type)) return { args: coerced, dataType: DataTypes.LongType, nullable: true };
    return { args: coerced.map((a) => implicitCast(a, DataTypes.LongType)), dataType: DataTypes.LongType, nullable: true };
  },
  compile([l, r], argTypes, _type, ctx) {
    const ansi = ctx.ansiEnabled;
    if (isDecimal(argTypes[0]) || isDecimal(argTypes[1])) {
      return binaryNullSafe(l, r, (a, b) => {
        const y = toDecimal(b);
        if (y.isZero()) {
          if (ansi) throw divideByZero();
          return null;
        }
        const q = toDecimal(a).quot(y).toBigInt();
        if (q < LONG_MIN || q > LONG_MAX) {
          if (ansi) throw arithmeticOverflow('Overflow in integral divide', 'try_divide');
          return BigInt.asIntN(64, q);
        }
        return q;
      });
    }
    return binaryNullSafe(l, r, (a, b) => {
      const x = a as bigint;
      const y = b as bigint;
      if (y === 0n) {
        if (ansi) throw divideByZero();
        return null;
      }
      if (x === LONG_MIN && y === -1n) {
        if (ansi) throw arithmeticOverflow('Overflow in integral divide', 'try_divide');
        return LONG_MIN;
      }
      return x / y;
    });
  },
  sql: (args) => `(${args[0]} div ${args[1]})`,
};

// ---------------------------------------------------------------------------------------------
// Unary minus and plus

function unaryOperandType(name: string, sqlText: string, arg: Expression): DataType {
  const t = isString(arg.dataType) ? DataTypes.DoubleType : arg.dataType;
  if (!isNumeric(t) && !isYm(t) && !isDt(t) && !isCal(t) && !(t instanceof NullType)) {
    throw unexpectedInputTypeError(sqlText, 0, NUMERIC_OR_INTERVAL, prettySql(arg), typeSql(arg.dataType));
  }
  void name;
  return t instanceof NullType ? DataTypes.NullType : t;
}

export const negative: ScalarFunction = {
  kind: 'scalar',
  name: 'negative',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = unaryOperandType('negative', `(- ${prettySql(args[0])})`, args[0]);
    return { args: [implicitCast(args[0], t)], dataType: t };
  },
  compile([c], _t, type, ctx) {
    const ansi = ctx.ansiEnabled;
    const name = type.typeName();
    const unary = (f: (v: unknown) => unknown): Evaluator => (row) => {
      const v = c(row);
      return v === null ? null : f(v);
    };
    if (isDecimal(type)) return unary((v) => toDecimal(v).negate());
    if (isCal(type)) {
      return unary((v) => {
        const i = v as CalendarInterval;
        return { months: -i.months, days: -i.days, microseconds: -i.microseconds };
      });
    }
    if (name === 'long' || isDt(type)) {
      return unary((v) => {
        if (v === LONG_MIN) {
          if (ansi || isDt(type)) throw arithmeticOverflow('long overflow', '');
          return LONG_MIN;
        }
        return -(v as bigint);
      });
    }
    if (name === 'integer' || isYm(type)) {
      return unary((v) => {
        if (v === INT_MIN) {
          if (ansi || isYm(type)) throw arithmeticOverflow('integer overflow', '');
          return INT_MIN;
        }
        return -(v as number) || 0;
      });
    }
    if (name === 'short' || name === 'byte') {
      const min = name === 'short' ? -32768 : -128;
      return unary((v) => {
        if (v === min) {
          if (ansi) throw arithmeticOverflow(`- ${v} caused overflow`, '');
          return min;
        }
        return -(v as number) || 0;
      });
    }
    return unary((v) => -(v as number));
  },
  sql: (args) => `(- ${args[0]})`,
};

export const positive: ScalarFunction = {
  kind: 'scalar',
  name: 'positive',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = unaryOperandType('positive', `(+ ${prettySql(args[0])})`, args[0]);
    return { args: [implicitCast(args[0], t)], dataType: t };
  },
  compile([c]) {
    return c;
  },
  sql: (args) => `(+ ${args[0]})`,
};

export const ARITHMETIC_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: add, aliases: [] },
  { fn: subtract, aliases: [] },
  { fn: multiply, aliases: [] },
  { fn: divide, aliases: [] },
  { fn: remainder, aliases: ['mod'] },
  { fn: integralDivide, aliases: [] },
  { fn: negative, aliases: [] },
  { fn: positive, aliases: [] },
];

export type { Evaluator };
