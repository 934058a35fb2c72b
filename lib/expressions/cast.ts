// Spark's Cast: which casts are legal (canCast for legacy mode, canAnsiCast, canTryCast) and the
// conversion of one non-null value, compiled once per (from, to, mode). Three evaluation modes as
// Spark's EvalMode: ANSI raises CAST_INVALID_INPUT / CAST_OVERFLOW / NUMERIC_VALUE_OUT_OF_RANGE,
// LEGACY returns null or wraps around as Hive did, TRY is ANSI with every error turned into null.
// A few conversions raise in every mode (interval overflows), as they do in Spark.
import {
  ArrayType,
  BinaryType,
  ByteType,
  CalendarIntervalType,
  DataType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  NumericType,
  ShortType,
  TimestampNTZType,
  TimestampType,
  type CalendarInterval,
} from '../types/data-types';
import { StructType } from '../types/struct-type';
import { AnsiIntervalType, DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { TimestampNanosType, nanosToMicros, splitNanosText, subMicroNanos, truncateNanos } from '../types/timestamp-nanos-types';
import { Decimal, toDecimal } from '../types/decimal';
import {
  convertTz,
  daysToMicros,
  formatDate,
  formatTimestamp,
  microsToDays,
  stringToDate,
  stringToTimestamp,
  stringToTimestampNTZ,
} from '../types/datetime';
import { utcOffset, zoneOffsetFunction } from '../types/time-zone';
import { castStringFormatter, dayTimeIntervalString, javaDoubleToString, javaFloatToString, yearMonthIntervalString } from '../types/pretty-value';
import { SparkException, ArithmeticException, DateTimeException, NumberFormatException } from '../errors/spark-exception';
import { forceNullable, isBoolean, isDate, isDecimal, isIntegral, isString, isTimestamp } from './cast-nullability';
import { AnalysisException } from '../errors/analysis-exception';
import { typeSql } from './type-utils';
import { isNullable, type Expression } from './expression';
import { parseCalendarInterval, parseDayTimeInterval, parseYearMonthInterval } from '../types/interval-parse';

type Converter = (v: unknown) => unknown;

/** Spark's EvalMode for casts. */
export type CastMode = 'ansi' | 'legacy' | 'try';

// ---------------------------------------------------------------------------------------------
// Type predicates

const isNumeric = (t: DataType): boolean => t instanceof NumericType;
const isNtz = (t: DataType): boolean => t instanceof TimestampNTZType;
const isYm = (t: DataType): t is YearMonthIntervalType => t instanceof YearMonthIntervalType;
const isDt = (t: DataType): t is DayTimeIntervalType => t instanceof DayTimeIntervalType;

/** Spark's DataType.equalsStructurally: same shape ignoring nullability and field names. */
export function equalsStructurally(a: DataType, b: DataType): boolean {
  if (a instanceof ArrayType && b instanceof ArrayType) return equalsStructurally(a.elementType, b.elementType);
  if (a instanceof MapType && b instanceof MapType) return equalsStructurally(a.keyType, b.keyType) && equalsStructurally(a.valueType, b.valueType);
  if (a instanceof StructType && b instanceof StructType) {
    return a.fields.length === b.fields.length && a.fields.every((f, i) => equalsStructurally(f.dataType, b.fields[i].dataType));
  }
  if (a instanceof ArrayType || a instanceof MapType || a instanceof StructType) return false;
  return a.equals(b);
}

function sameType(a: DataType, b: DataType): boolean {
  return a.equals(b);
}

const resolvableNullability = (from: boolean, to: boolean): boolean => !from || to;

export { forceNullable } from './cast-nullability';

/** Spark's Cast.nullable (non-try casts): the child is nullable or Cast.forceNullable says so. */
export function nullableThroughCasts(e: Expression): boolean {
  if (e.kind === 'alias') return nullableThroughCasts(e.child);
  if (e.kind === 'cast') return e.tryCast || nullableThroughCasts(e.child) || forceNullable(e.child.dataType, e.dataType);
  return isNullable(e);
}

/** Spark's `Cast.canCast`: legal casts in legacy (non-ANSI) mode. */
export function canCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from instanceof NullType) return true;
  if (isString(to)) return true;
  if (from instanceof TimestampNanosType || to instanceof TimestampNanosType) return canCastNanos(from, to);
  if (to instanceof BinaryType) return isString(from) || isIntegral(from);
  if (isBoolean(to)) return isString(from) || isDate(from) || isTimestamp(from) || isNumeric(from);
  if (isTimestamp(to)) return isString(from) || isBoolean(from) || isDate(from) || isNumeric(from) || isNtz(from);
  if (isNtz(to)) return isString(from) || isDate(from) || isTimestamp(from);
  if (isDate(to)) return isString(from) || isTimestamp(from) || isNtz(from);
  if (to instanceof CalendarIntervalType) return isString(from);
  if (to instanceof AnsiIntervalType) {
    if (isString(from)) return true;
    if (isDt(to) && isDt(from)) return true;
    if (isYm(to) && isYm(from)) return true;
    // Spark 4 casts any integral or decimal to an ANSI interval in both modes (nonansi/cast.sql).
    return isIntegral(from) || isDecimal(from);
  }
  if (isNumeric(to)) {
    if (from instanceof AnsiIntervalType) return isIntegral(to) || isDecimal(to);
    return isString(from) || isBoolean(from) || isDate(from) || isTimestamp(from) || isNumeric(from);
  }
  return complexCast(from, to, canCast, true);
}

/** Spark's `Cast.canAnsiCast`: legal casts in ANSI mode. */
export function canAnsiCast(from: DataType, to: DataType): boolean {
  if (sameType(from, to) || from instanceof NullType) return true;
  if (isString(to)) return true;
  if (from instanceof TimestampNanosType || to instanceof TimestampNanosType) return canCastNanos(from, to);
  if (to instanceof BinaryType) return isString(from);
  if (isBoolean(to)) return isString(from) || isNumeric(from);
  if (isTimestamp(to)) return isString(from) || isDate(from) || isNtz(from) || isNumeric(from);
  if (isNtz(to)) return isString(from) || isDate(from) || isTimestamp(from);
  if (isDate(to)) return isString(from) || isTimestamp(from) || isNtz(from);
  if (to instanceof CalendarIntervalType) return isString(from);
  if (to instanceof AnsiIntervalType) {
    if (isString(from) || isIntegral(from) || isDecimal(from)) return true;
    return (isDt(to) && isDt(from)) || (isYm(to) && isYm(from));
  }
  if (isNumeric(to)) {
    if (from instanceof AnsiIntervalType) return isIntegral(to) || isDecimal(to);
    return isNumeric(from) || isString(from) || isBoolean(from) || isTimestamp(from);
  }
  return complexCast(from, to, canAnsiCast, false);
}

/** Spark's `Cast.canTryCast`: collections follow legacy legality, the rest ANSI. */
export function canTryCast(from: DataType, to: DataType): boolean {
  if ((from instanceof ArrayType && to instanceof ArrayType) || (from instanceof MapType && to instanceof MapType) || (from instanceof StructType && to instanceof StructType)) {
    return complexCast(from, to, canCast, true);
  }
  return canAnsiCast(from, to);
}

/** Legality for the cast mode in force. */
export function canCastIn(mode: CastMode, from: DataType, to: DataType): boolean {
  return mode === 'legacy' ? canCast(from, to) : mode === 'ansi' ? canAnsiCast(from, to) : canTryCast(from, to);
}

function complexCast(from: DataType, to: DataType, element: (a: DataType, b: DataType) => boolean, checkForce: boolean): boolean {
  const force = (a: DataType, b: DataType) => checkForce && forceNullable(a, b);
  if (from instanceof ArrayType && to instanceof ArrayType) {
    return element(from.elementType, to.elementType) && resolvableNullability(from.containsNull || force(from.elementType, to.elementType), to.containsNull);
  }
  if (from instanceof MapType && to instanceof MapType) {
    return (
      element(from.keyType, to.keyType) &&
      !force(from.keyType, to.keyType) &&
      element(from.valueType, to.valueType) &&
      resolvableNullability(from.valueContainsNull || force(from.valueType, to.valueType), to.valueContainsNull)
    );
  }
  if (from instanceof StructType && to instanceof StructType) {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => {
        const t = to.fields[i];
        return element(f.dataType, t.dataType) && resolvableNullability(f.nullable || force(f.dataType, t.dataType), t.nullable);
      })
    );
  }
  return false;
}

/**
 * The analysis error for an illegal cast, as Spark's `typeCheckFailureMessage` picks it:
 * a function suggestion, the ANSI config suggestion, try_cast, or none.
 */
export function castTypeCheckError(sqlExpr: string, from: DataType, to: DataType, mode: CastMode): AnalysisException {
  const srcType = `"${typeSql(from)}"`;
  const targetType = `"${typeSql(to)}"`;
  const prefix = `Cannot resolve "${sqlExpr}" due to data type mismatch: `;
  const base = { sqlExpr: `"${sqlExpr}"`, srcType, targetType };
  const funcSuggestion = (names: string[]): AnalysisException => {
    const functionNames = names.map((n) => `\`${n}\``).join('/');
    return new AnalysisException(
      `${prefix}cannot cast ${srcType} to ${targetType}. To convert values from ${srcType} to ${targetType}, you can use the functions ${functionNames} instead.`,
      { errorClass: 'DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION', sqlState: '42K09', messageParameters: { ...base, functionNames } },
    );
  };
  if (mode !== 'legacy') {
    if (isNumeric(from) && isTimestamp(to)) return funcSuggestion(['timestamp_seconds', 'timestamp_millis', 'timestamp_micros']);
    if (isTimestamp(from) && isNumeric(to)) return funcSuggestion(['unix_seconds', 'unix_millis', 'unix_micros']);
    if (isNumeric(from) && isDate(to)) return funcSuggestion(['date_from_unix_date']);
    if (isDate(from) && isNumeric(to)) return funcSuggestion(['unix_date']);
    const confFallback = mode === 'ansi' && !canTryCast(from, to) && canCast(from, to);
    if (confFallback) {
      const config = '"spark.sql.ansi.enabled"';
      const configVal = "'false'";
      return new AnalysisException(
        `${prefix}cannot cast ${srcType} to ${targetType} with ANSI mode on. If you have to cast ${srcType} to ${targetType}, you can set ${config} as ${configVal}.`,
        { errorClass: 'DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION', sqlState: '42K09', messageParameters: { ...base, config, configVal } },
      );
    }
    if (mode === 'ansi' && canTryCast(from, to)) return funcSuggestion(['try_cast']);
  }
  return new AnalysisException(`${prefix}cannot cast ${srcType} to ${targetType}.`, {
    errorClass: 'DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION',
    sqlState: '42K09',
    messageParameters: base,
  });
}

// ---------------------------------------------------------------------------------------------
// Errors

const ANSI_CONFIG = '"spark.sql.ansi.enabled"';

/** Spark's `toSQLValue`: how a value is quoted inside an error message. */
export function sqlValue(v: unknown, t: DataType, timeZone: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (isString(t)) return `'${String(v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (t instanceof DoubleType || t instanceof FloatType) {
    const n = Number(v);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return t instanceof FloatType ? javaFloatToString(n) : `${javaDoubleToString(n)}D`;
  }
  if (t instanceof LongType) return `${v}L`;
  if (t instanceof ShortType) return `${v}S`;
  if (t instanceof ByteType) return `${v}Y`;
  if (isDecimal(t)) return `${toDecimal(v).toJavaString()}BD`;
  if (isBoolean(t)) return v ? 'TRUE' : 'FALSE';
  if (isDate(t)) return `DATE '${formatDate(Number(v))}'`;
  if (isTimestamp(t)) return `TIMESTAMP '${formatTimestamp(v as bigint, zoneOffsetFunction(timeZone))}'`;
  if (isNtz(t)) return `TIMESTAMP_NTZ '${formatTimestamp(v as bigint, utcOffset)}'`;
  if (isYm(t)) return yearMonthIntervalString(Number(v), t.startField, t.endField);
  if (isDt(t)) return dayTimeIntervalString(v as bigint, t.startField, t.endField);
  return String(v);
}

/** CAST_INVALID_INPUT (22018): a malformed value. */
export function castInvalidInput(expression: string, from: DataType, to: DataType): SparkException {
  const params = { expression, sourceType: `"${typeSql(from)}"`, targetType: `"${typeSql(to)}"`, ansiConfig: ANSI_CONFIG };
  // Spark raises a date or time it cannot read as SparkDateTimeException, a number as SparkNumberFormatException.
  const Exception = isDate(to) || isTimestamp(to) || to instanceof TimestampNTZType ? DateTimeException : isNumeric(to) ? NumberFormatException : SparkException;
  return new Exception(
    `The value ${expression} of the type ${params.sourceType} cannot be cast to ${params.targetType} because it is malformed. Correct the value as per the syntax, or change its target type. Use \`try_cast\` to tolerate malformed input and return NULL instead.`,
    { errorClass: 'CAST_INVALID_INPUT', sqlState: '22018', messageParameters: params },
  );
}

/** CAST_OVERFLOW (22003): a value out of the target type's range. */
export function castOverflow(value: string, from: DataType, to: DataType): SparkException {
  const params = { value, sourceType: `"${typeSql(from)}"`, targetType: `"${typeSql(to)}"`, ansiConfig: ANSI_CONFIG };
  return new ArithmeticException(
    `The value ${value} of the type ${params.sourceType} cannot be cast to ${params.targetType} due to an overflow. Use \`try_cast\` to tolerate overflow and return NULL instead.`,
    { errorClass: 'CAST_OVERFLOW', sqlState: '22003', messageParameters: params },
  );
}

/** NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION (22003): a decimal that does not fit. */
export function decimalOutOfRange(value: Decimal, precision: number, scale: number): SparkException {
  const params = { value: value.toPlainString(), precision: String(precision), scale: String(scale), config: ANSI_CONFIG };
  // The class's own message is empty: Spark joins it to the sub-class text with a space.
  return new ArithmeticException(
    ` ${params.value} cannot be represented as Decimal(${precision}, ${scale}). If necessary set ${ANSI_CONFIG} to "false" to bypass this error, and return NULL instead.`,
    { errorClass: 'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION', sqlState: '22003', messageParameters: params },
  );
}

function decimalTooManyDigits(text: string): SparkException {
  return new SparkException(`The value ${text} cannot be interpreted as a numeric since it has more than 38 digits.`, {
    errorClass: 'NUMERIC_OUT_OF_SUPPORTED_RANGE',
    sqlState: '22003',
    messageParameters: { value: text },
  });
}

// ---------------------------------------------------------------------------------------------
// Compilation

interface CastContext {
  /** ANSI semantics (ANSI and TRY modes). */
  ansi: boolean;
  /** TRY mode: every error becomes null. */
  tryMode: boolean;
  timeZone: string;
}

/** Throws the error, or returns null in TRY mode. */
function raise(ctx: CastContext, e: SparkException): null {
  if (ctx.tryMode) return null;
  throw e;
}

/** An error in ANSI mode, null in legacy mode. */
function ansiError(ctx: CastContext, make: () => SparkException): null {
  return ctx.ansi ? raise(ctx, make()) : null;
}

/**
 * A converter for non-null values of `from` to `to`. `nullOnError` selects legacy semantics
 * (null on bad input, wrap-around on integral overflow); with `tryCast` it selects TRY
 * semantics instead (ANSI rules, errors become null).
 */
export function compileCast(from: DataType, to: DataType, nullOnError: boolean, timeZone: string, tryCast = false): Converter {
  const mode: CastMode = tryCast ? 'try' : nullOnError ? 'legacy' : 'ansi';
  return compileCastIn(mode, from, to, timeZone);
}

/** A converter for non-null values in an explicit cast mode. */
export function compileCastIn(mode: CastMode, from: DataType, to: DataType, timeZone: string): Converter {
  const ctx: CastContext = { ansi: mode !== 'legacy', tryMode: mode === 'try', timeZone };
  const convert = build(from, to, ctx);
  if (!ctx.tryMode) return convert;
  // Some conversions throw from deep helpers (interval parsing): TRY turns those into null too.
  return (v) => {
    try {
      return convert(v);
    } catch (e) {
      if (e instanceof SparkException) return null;
      throw e;
    }
  };
}

function identity(v: unknown): unknown {
  return v;
}

function build(from: DataType, to: DataType, ctx: CastContext): Converter {
  if (equalsStructurally(from, to)) return identity;
  if (from instanceof NullType) return () => null;
  if (isString(to)) return toStringConverter(from, ctx);
  if (from instanceof TimestampNanosType || to instanceof TimestampNanosType) return nanosConverter(from, to, ctx);
  if (to instanceof ArrayType && from instanceof ArrayType) return arrayConverter(from, to, ctx);
  if (to instanceof MapType && from instanceof MapType) return mapConverter(from, to, ctx);
  if (to instanceof StructType && from instanceof StructType) return structConverter(from, to, ctx);
  if (to instanceof BinaryType) return toBinary(from);
  if (isBoolean(to)) return toBoolean(from, to, ctx);
  if (to instanceof ByteType || to instanceof ShortType || to instanceof IntegerType) return toSmallIntegral(from, to, ctx);
  if (to instanceof LongType) return toLong(from, to, ctx);
  if (to instanceof FloatType || to instanceof DoubleType) return toFractional(from, to, ctx);
  if (isDecimal(to)) return toDecimalConverter(from, to, ctx);
  if (isDate(to)) return toDate(from, to, ctx);
  if (isTimestamp(to)) return toTimestamp(from, to, ctx);
  if (isNtz(to)) return toTimestampNtz(from, to, ctx);
  if (to instanceof CalendarIntervalType) return (v) => parseCalendarInterval(String(v));
  if (isYm(to)) return toYearMonthInterval(from, to, ctx);
  if (isDt(to)) return toDayTimeInterval(from, to, ctx);
  return () => {
    throw new SparkException(`Cannot cast ${typeSql(from)} to ${typeSql(to)}.`, {
      errorClass: 'CANNOT_CAST_DATATYPE',
      sqlState: '42846',
      messageParameters: { sourceType: typeSql(from), targetType: typeSql(to) },
    });
  };
}

// --- to string / binary / boolean -------------------------------------------------------------

const isTimestampLike = (t: DataType): boolean => isTimestamp(t) || isNtz(t) || t instanceof TimestampNanosType;

/** Nanosecond timestamps cast from strings and between the timestamp types only. */
function canCastNanos(from: DataType, to: DataType): boolean {
  return (isString(from) || isTimestampLike(from)) && isTimestampLike(to);
}

/** The microsecond type a nanosecond type refines. */
function microType(t: TimestampNanosType): DataType {
  return t.ntz ? new TimestampNTZType() : new TimestampType();
}

/**
 * Casts to or from TIMESTAMP_NTZ(p) / TIMESTAMP_LTZ(p) through the microsecond types: the
 * microsecond part converts as they do (zone shifts are whole seconds), the sub-microsecond
 * nanoseconds ride along, and the result is truncated to the target precision.
 */
function nanosConverter(from: DataType, to: DataType, ctx: CastContext): Converter {
  if (to instanceof TimestampNanosType) {
    const precision = to.precision;
    const base = microType(to);
    if (isString(from)) {
      const parse = build(from, base, ctx);
      return (v) => {
        const { text, extraNanos } = splitNanosText(String(v));
        const micros = parse(text);
        return micros === null ? null : truncateNanos((micros as bigint) * 1000n + extraNanos, precision);
      };
    }
    if (from instanceof TimestampNanosType) {
      const shift = build(microType(from), base, ctx);
      return (v) => {
        const nanos = v as bigint;
        const micros = shift(nanosToMicros(nanos));
        return micros === null ? null : truncateNanos((micros as bigint) * 1000n + subMicroNanos(nanos), precision);
      };
    }
    const toBase = build(from, base, ctx);
    return (v) => {
      const micros = toBase(v);
      return micros === null ? null : (micros as bigint) * 1000n;
    };
  }
  const fromBase = build(microType(from as TimestampNanosType), to, ctx);
  return (v) => fromBase(nanosToMicros(v as bigint));
}

function toStringConverter(from: DataType, ctx: CastContext): Converter {
  if (isString(from)) return identity;
  return castStringFormatter(from, ctx.timeZone, ctx.ansi);
}

const utf8Encoder = new TextEncoder();

function toBinary(from: DataType): Converter {
  if (isString(from)) return (v) => utf8Encoder.encode(String(v));
  // NumberConverter.toBinary: big-endian two's complement bytes of the type's width.
  const width = from instanceof ByteType ? 1 : from instanceof ShortType ? 2 : from instanceof IntegerType ? 4 : 8;
  return (v) => {
    let x = BigInt.asUintN(width * 8, typeof v === 'bigint' ? v : BigInt(v as number));
    const out = new Uint8Array(width);
    for (let i = width - 1; i >= 0; i--) {
      out[i] = Number(x & 0xffn);
      x >>= 8n;
    }
    return out;
  };
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

function toBoolean(from: DataType, to: DataType, ctx: CastContext): Converter {
  if (isString(from)) {
    return (v) => {
      const s = trimAll(String(v)).toLowerCase();
      if (TRUE_STRINGS.has(s)) return true;
      if (FALSE_STRINGS.has(s)) return false;
      return ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to));
    };
  }
  if (isDate(from)) return () => null;
  if (isDecimal(from)) return (v) => !toDecimal(v).isZero();
  return (v) => (typeof v === 'bigint' ? v !== 0n : (v as number) !== 0);
}

// --- integral targets -------------------------------------------------------------------------

/** UTF8String.trimAll: whitespace and ISO control characters at both ends. */
function trimAll(s: string): string {
  let a = 0;
  let b = s.length;
  const trimmable = (c: number) => c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a);
  while (a < b && trimmable(s.charCodeAt(a))) a++;
  while (b > a && trimmable(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

const STRICT_INTEGER = /^[+-]?\d+$/;
const LENIENT_INTEGER = /^([+-]?\d*)(?:\.(\d*))?$/;

/** UTF8String.toLong: the integer a string holds, legacy mode also dropping a fraction. */
function parseIntegerText(text: string, allowDecimal: boolean): bigint | null {
  const s = trimAll(text);
  if (STRICT_INTEGER.test(s)) return BigInt(s);
  if (!allowDecimal) return null;
  const m = LENIENT_INTEGER.exec(s);
  if (!m || m[1] === '' || m[1] === '+' || m[1] === '-') return null;
  return BigInt(m[1]);
}

const RANGES: Record<string, [bigint, bigint, number]> = {
  byte: [-128n, 127n, 8],
  short: [-32768n, 32767n, 16],
  integer: [-2147483648n, 2147483647n, 32],
  long: [-(2n ** 63n), 2n ** 63n - 1n, 64],
};

function toSmallIntegral(from: DataType, to: DataType, ctx: CastContext): Converter {
  const [min, max, bits] = RANGES[to.typeName()];
  const nMin = Number(min);
  const nMax = Number(max);
  const wrap = (x: number): number => (bits === 32 ? x | 0 : (x << (32 - bits)) >> (32 - bits));
  const overflow = (v: unknown, type: DataType = from) => castOverflow(sqlValue(v, type, ctx.timeZone), type, to);
  if (isString(from)) {
    return (v) => {
      const b = parseIntegerText(String(v), !ctx.ansi);
      if (b === null || b < min || b > max) return ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to));
      return Number(b);
    };
  }
  if (isBoolean(from)) return (v) => (v ? 1 : 0);
  if (isDate(from)) return () => null;
  if (isTimestamp(from)) {
    return (v) => {
      const seconds = floorDiv(v as bigint, 1_000_000n);
      if (seconds < min || seconds > max) return ansiError(ctx, () => overflow(v));
      return Number(seconds);
    };
  }
  if (from instanceof LongType) {
    return (v) => {
      const b = v as bigint;
      if (b < min || b > max) return ctx.ansi ? raise(ctx, overflow(v)) : Number(BigInt.asIntN(bits, b));
      return Number(b);
    };
  }
  if (from instanceof FloatType || from instanceof DoubleType) {
    return (v) => {
      const n = v as number;
      if (ctx.ansi) {
        if (!(Math.floor(n) <= nMax && Math.ceil(n) >= nMin)) return raise(ctx, overflow(v));
        return Math.trunc(n) || 0;
      }
      // JVM: double -> int saturates (NaN -> 0), then narrows by wrapping.
      const asInt = Number.isNaN(n) ? 0 : Math.max(-2147483648, Math.min(2147483647, Math.trunc(n)));
      return wrap(asInt) || 0;
    };
  }
  if (isDecimal(from)) {
    return (v) => {
      const b = toDecimal(v).toBigInt();
      if (b < min || b > max) return ctx.ansi ? raise(ctx, overflow(v)) : Number(BigInt.asIntN(bits, BigInt.asIntN(64, b)));
      return Number(b);
    };
  }
  if (from instanceof AnsiIntervalType) {
    return (v) => {
      const b = intervalToIntegral(v, from);
      if (b < min || b > max) return raise(ctx, overflow(v));
      return Number(b);
    };
  }
  // byte/short/int -> narrower
  return (v) => {
    const n = v as number;
    if (n < nMin || n > nMax) return ctx.ansi ? raise(ctx, overflow(v)) : wrap(n);
    return n;
  };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && (a < 0n !== b < 0n) ? q - 1n : q;
}

const DT_UNIT = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];

/** Spark's yearMonthIntervalToInt / dayTimeIntervalToLong: the value in its end-field unit. */
function intervalToIntegral(v: unknown, t: AnsiIntervalType): bigint {
  if (t instanceof YearMonthIntervalType) {
    const months = Number(v);
    return BigInt(t.endField === 0 ? Math.trunc(months / 12) : months);
  }
  return (v as bigint) / DT_UNIT[t.endField];
}

function toLong(from: DataType, to: DataType, ctx: CastContext): Converter {
  const [min, max] = RANGES.long;
  const overflow = (v: unknown) => castOverflow(sqlValue(v, from, ctx.timeZone), from, to);
  if (isString(from)) {
    return (v) => {
      const b = parseIntegerText(String(v), !ctx.ansi);
      if (b === null || b < min || b > max) return ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to));
      return b;
    };
  }
  if (isBoolean(from)) return (v) => (v ? 1n : 0n);
  if (isDate(from)) return () => null;
  if (isTimestamp(from)) return (v) => floorDiv(v as bigint, 1_000_000n);
  if (from instanceof FloatType || from instanceof DoubleType) {
    return (v) => {
      const n = v as number;
      if (ctx.ansi && !(Math.floor(n) <= 9223372036854775807 && Math.ceil(n) >= -9223372036854775808)) return raise(ctx, overflow(v));
      if (Number.isNaN(n)) return 0n;
      if (n >= 9223372036854775807) return max;
      if (n <= -9223372036854775808) return min;
      return BigInt(Math.trunc(n));
    };
  }
  if (isDecimal(from)) {
    return (v) => {
      const b = toDecimal(v).toBigInt();
      if (b < min || b > max) return ctx.ansi ? raise(ctx, overflow(v)) : BigInt.asIntN(64, b);
      return b;
    };
  }
  if (from instanceof AnsiIntervalType) return (v) => intervalToIntegral(v, from);
  return (v) => BigInt(v as number);
}

// --- floating point ---------------------------------------------------------------------------

const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const SPECIAL_FLOATS: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
  nan: NaN,
};

/** Java's Double.parseDouble after String.trim, then Spark's special literals; null if neither. */
function parseJavaDouble(text: string): number | null {
  const s = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (JAVA_DOUBLE.test(s)) {
    const body = s.replace(/[fFdD]$/, '');
    return Number(body.replace(/^([+-]?)NaN$/, 'NaN'));
  }
  const special = SPECIAL_FLOATS[s.toLowerCase()];
  return special === undefined ? null : special;
}

function toFractional(from: DataType, to: DataType, ctx: CastContext): Converter {
  const round = to instanceof FloatType ? Math.fround : (x: number) => x;
  if (isString(from)) {
    return (v) => {
      const n = parseJavaDouble(String(v));
      if (n === null) return ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to));
      return round(n);
    };
  }
  if (isBoolean(from)) return (v) => (v ? 1 : 0);
  if (isDate(from)) return () => null;
  if (isTimestamp(from)) return (v) => round(Number(v as bigint) / 1e6);
  if (isDecimal(from)) return (v) => round(toDecimal(v).toNumber());
  return (v) => round(Number(v));
}

// --- decimals ---------------------------------------------------------------------------------

function toDecimalConverter(from: DataType, to: DecimalType, ctx: CastContext): Converter {
  const { precision, scale } = to;
  /** changePrecision: ANSI error or null on overflow. */
  const fit = (d: Decimal, alwaysThrow = false): Decimal | null => {
    const r = d.toPrecision(precision, scale, 'HALF_UP');
    if (r !== null) return r;
    return ctx.ansi || alwaysThrow ? raise(ctx, decimalOutOfRange(d, precision, scale)) : null;
  };
  if (isString(from)) {
    return (v) => {
      const text = String(v).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
      const d = Decimal.parse(text);
      if (d === null) return ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to));
      if (d.precision - d.scale > 38) return ansiError(ctx, () => decimalTooManyDigits(text));
      return fit(d);
    };
  }
  if (isBoolean(from)) return (v) => fit(v ? Decimal.ONE : Decimal.ZERO);
  if (isDate(from)) return () => null;
  if (isTimestamp(from)) return (v) => fit(Decimal.of(v as bigint, 6));
  if (isDecimal(from)) return (v) => fit(toDecimal(v));
  if (isIntegral(from)) return (v) => fit(Decimal.of(typeof v === 'bigint' ? v : BigInt(v as number), 0));
  if (from instanceof FloatType || from instanceof DoubleType) {
    // NaN and infinities have no decimal form: null in every mode, as Spark.
    return (v) => (Number.isFinite(v as number) ? fit(Decimal.fromNumber(v as number)) : null);
  }
  if (isYm(from)) return (v) => fit(Decimal.of(intervalToIntegral(v, from), 0), true);
  if (isDt(from)) {
    const end = from.endField;
    return (v) => fit(end === 3 ? Decimal.of(v as bigint, 6) : Decimal.of((v as bigint) / DT_UNIT[end], 0), true);
  }
  return () => null;
}

// --- dates and timestamps ---------------------------------------------------------------------

function toDate(from: DataType, to: DataType, ctx: CastContext): Converter {
  if (isString(from)) {
    return (v) => {
      const d = stringToDate(String(v));
      return d === null ? ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to)) : d;
    };
  }
  if (isTimestamp(from)) return (v) => microsToDays(v as bigint, ctx.timeZone);
  if (isNtz(from)) return (v) => microsToDays(v as bigint, 'UTC');
  return () => null;
}

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** TimeUnit.SECONDS.toMicros: saturating. */
function secondsToMicros(s: bigint): bigint {
  if (s > LONG_MAX / 1_000_000n) return LONG_MAX;
  if (s < LONG_MIN / 1_000_000n) return LONG_MIN;
  return s * 1_000_000n;
}

/** Java's (long) of a double: truncation with saturation, NaN -> 0. */
function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9223372036854775807) return LONG_MAX;
  if (d <= -9223372036854775808) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

function toTimestamp(from: DataType, to: DataType, ctx: CastContext): Converter {
  const zone = ctx.timeZone;
  if (isString(from)) {
    return (v) => {
      const t = stringToTimestamp(String(v), zone);
      return t === null ? ansiError(ctx, () => castInvalidInput(sqlValue(v, from, zone), from, to)) : t;
    };
  }
  if (isBoolean(from)) return (v) => (v ? 1n : 0n);
  if (isDate(from)) return (v) => daysToMicros(Number(v), zone);
  if (isNtz(from)) return (v) => convertTz(v as bigint, zone, 'UTC');
  if (isDecimal(from)) return (v) => BigInt.asIntN(64, toDecimal(v).multiply(Decimal.of(1_000_000n)).toBigInt());
  if (from instanceof FloatType || from instanceof DoubleType) {
    return (v) => {
      const d = v as number;
      if (!Number.isFinite(d)) return ansiError(ctx, () => castInvalidInput(sqlValue(d, DoubleType(), zone), DoubleType(), to));
      return doubleToLong(d * 1e6);
    };
  }
  if (isIntegral(from)) return (v) => secondsToMicros(typeof v === 'bigint' ? v : BigInt(v as number));
  return () => null;
}

function toTimestampNtz(from: DataType, to: DataType, ctx: CastContext): Converter {
  if (isString(from)) {
    return (v) => {
      const t = stringToTimestampNTZ(String(v));
      return t === null ? ansiError(ctx, () => castInvalidInput(sqlValue(v, from, ctx.timeZone), from, to)) : t;
    };
  }
  if (isDate(from)) return (v) => BigInt(Number(v)) * 86_400_000_000n;
  if (isTimestamp(from)) return (v) => convertTz(v as bigint, 'UTC', ctx.timeZone);
  return () => null;
}

// --- intervals --------------------------------------------------------------------------------

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const YM_FACTOR = [12n, 1n];

function toYearMonthInterval(from: DataType, to: YearMonthIntervalType, ctx: CastContext): Converter {
  const { startField, endField } = to;
  if (isString(from)) return (v) => parseYearMonthInterval(String(v), startField, endField, to);
  if (isYm(from)) return (v) => (endField === 0 ? Math.trunc(Number(v) / 12) * 12 : Number(v));
  const overflow = (v: unknown) => castOverflow(sqlValue(v, from, ctx.timeZone), from, to);
  if (isIntegral(from)) {
    return (v) => {
      const months = BigInt(v as number | bigint) * YM_FACTOR[endField];
      if (months < INT_MIN || months > INT_MAX) return raise(ctx, overflow(v));
      return Number(months);
    };
  }
  if (isDecimal(from)) {
    return (v) => {
      const months = toDecimal(v).multiply(Decimal.of(YM_FACTOR[endField])).setScale(0, 'HALF_UP').toBigInt();
      if (months < INT_MIN || months > INT_MAX) return raise(ctx, overflow(v));
      return endField === 0 ? Number((months / 12n) * 12n) : Number(months);
    };
  }
  return () => null;
}

function toDayTimeInterval(from: DataType, to: DayTimeIntervalType, ctx: CastContext): Converter {
  const { startField, endField } = to;
  const unit = DT_UNIT[endField];
  // Spark truncates to the end field, whose smallest unit for SECOND is the microsecond.
  const grain = endField === 3 ? 1n : unit;
  const truncate = (micros: bigint) => (micros / grain) * grain;
  if (isString(from)) return (v) => parseDayTimeInterval(String(v), startField, endField, to);
  if (isDt(from)) return (v) => truncate(v as bigint);
  const overflow = (v: unknown) => castOverflow(sqlValue(v, from, ctx.timeZone), from, to);
  if (isIntegral(from)) {
    return (v) => {
      const micros = BigInt(v as number | bigint) * unit;
      if (micros < LONG_MIN || micros > LONG_MAX) return raise(ctx, overflow(v));
      return micros;
    };
  }
  if (isDecimal(from)) {
    return (v) => {
      const micros = toDecimal(v).multiply(Decimal.of(unit)).setScale(0, 'HALF_UP').toBigInt();
      if (micros < LONG_MIN || micros > LONG_MAX) return raise(ctx, overflow(v));
      return truncate(micros);
    };
  }
  return () => null;
}

// --- collections ------------------------------------------------------------------------------

function nullSafe(convert: Converter): Converter {
  return (v) => (v === null || v === undefined ? null : convert(v));
}

function arrayConverter(from: ArrayType, to: ArrayType, ctx: CastContext): Converter {
  const element = nullSafe(build(from.elementType, to.elementType, ctx));
  return (v) => (v as unknown[]).map(element);
}

function mapConverter(from: MapType, to: MapType, ctx: CastContext): Converter {
  const key = nullSafe(build(from.keyType, to.keyType, ctx));
  const value = nullSafe(build(from.valueType, to.valueType, ctx));
  return (v) => {
    const out = new Map<unknown, unknown>();
    for (const [k, val] of v as Map<unknown, unknown>) out.set(key(k), value(val));
    return out;
  };
}

function structConverter(from: StructType, to: StructType, ctx: CastContext): Converter {
  const fields = from.fields.map((f, i) => nullSafe(build(f.dataType, to.fields[i].dataType, ctx)));
  const n = fields.length;
  return (v) => {
    const values = v as unknown[];
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = fields[i](values[i]);
    return out;
  };
}

export type { CalendarInterval };
