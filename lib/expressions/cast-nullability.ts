// Spark's Cast nullability (forceNullable, and the up-cast rule of try_cast), apart from the cast
// implementation so that Expression's nullability (expression.ts) can use it without importing
// every conversion.
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  CharType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  FractionalType,
  IntegerType,
  IntegralType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
  VarcharType,
  type DataType,
} from '../types/data-types';
import { StructType } from '../types/struct-type';

// The cast rules' type predicates (cast.ts uses them too).
export const isString = (t: DataType): boolean => t instanceof StringType || t instanceof CharType || t instanceof VarcharType;
export const isIntegral = (t: DataType): boolean => t instanceof IntegralType;
export const isDecimal = (t: DataType): t is DecimalType => t instanceof DecimalType;
export const isBoolean = (t: DataType): boolean => t instanceof BooleanType;
export const isDate = (t: DataType): boolean => t instanceof DateType;
export const isTimestamp = (t: DataType): boolean => t instanceof TimestampType;

/** Spark's Cast.forceNullable: casting a non-null value may still give null. */
export function forceNullable(from: DataType, to: DataType): boolean {
  if (from instanceof NullType) return false;
  if (from.equals(to)) return false;
  if (isString(from)) return !(to instanceof BinaryType || isString(to));
  if (isString(to)) return false;
  if (isTimestamp(from) && (to instanceof ByteType || to instanceof ShortType || to instanceof IntegerType)) return true;
  if ((from instanceof FloatType || from instanceof DoubleType) && isTimestamp(to)) return true;
  if (isTimestamp(from) && isDate(to)) return false;
  if (isDate(to)) return true;
  if (isDate(from) && isTimestamp(to)) return false;
  if (isDate(from)) return true;
  if (to instanceof CalendarIntervalType) return true;
  if (isDecimal(to) && !canNullSafeCastToDecimal(from, to)) return true;
  if (from instanceof FractionalType && isIntegral(to)) return true;
  return false;
}

const INTEGRAL_DECIMAL: Record<string, [number, number]> = { byte: [3, 0], short: [5, 0], integer: [10, 0], long: [20, 0], float: [14, 7], double: [30, 15] };

function canNullSafeCastToDecimal(from: DataType, to: DecimalType): boolean {
  const wider = (p: number, s: number) => to.precision - to.scale >= p - s && to.scale >= s;
  if (isBoolean(from)) return wider(1, 0);
  if (isDecimal(from)) return to.precision - to.scale > from.precision - from.scale;
  const d = INTEGRAL_DECIMAL[from.typeName()];
  return d !== undefined && wider(d[0], d[1]);
}

/** A try_cast's nullability (Spark's Cast.nullable in TRY mode): null wherever the cast may fail. */
export function tryCastNullable(childNullable: boolean, from: DataType, to: DataType): boolean {
  if (isString(from) && to instanceof BinaryType) return childNullable;
  // Spark: a decimal may overflow an integral type even where canUpCast holds.
  if (isDecimal(from) && isIntegral(to)) return true;
  return childNullable || !canUpCast(from, to);
}

const NUMERIC_PRECEDENCE = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** Spark's legalNumericPrecedence: both in byte < short < int < long < float < double, `to` after `from`. */
function widerNumeric(from: DataType, to: DataType): boolean {
  const f = NUMERIC_PRECEDENCE.indexOf(from.typeName());
  const t = NUMERIC_PRECEDENCE.indexOf(to.typeName());
  return f >= 0 && t >= 0 && f < t;
}

/** A type as a decimal (Spark's DecimalType.forType) for the up-cast rules; undefined when none. */
function asDecimal(t: DataType): [number, number] | undefined {
  if (t instanceof DecimalType) return [t.precision, t.scale];
  return INTEGRAL_DECIMAL[t.typeName()];
}

/** Spark's UpCastRule.canUpCast: a cast that can never truncate, lose precision or fail. */
export function canUpCast(from: DataType, to: DataType): boolean {
  if (from.equals(to) || from instanceof NullType) return true;
  if (to instanceof DecimalType && (isIntegral(from) || from instanceof DecimalType)) {
    const [p, s] = asDecimal(from)!;
    return to.precision - to.scale >= p - s && to.scale >= s;
  }
  if (from instanceof DecimalType && (isIntegral(to) || to instanceof DecimalType)) {
    const [p, s] = asDecimal(to)!;
    return from.precision - from.scale <= p - s && from.scale <= s;
  }
  if (widerNumeric(from, to)) return true;
  if (isDate(from) && (isTimestamp(to) || to instanceof TimestampNTZType)) return true;
  if ((from instanceof TimestampNTZType && isTimestamp(to)) || (isTimestamp(from) && to instanceof TimestampNTZType)) return true;
  if (to instanceof StringType) return !(from instanceof ArrayType || from instanceof MapType || from instanceof StructType);
  if ((isTimestamp(from) && to instanceof LongType) || (from instanceof LongType && isTimestamp(to))) return true;
  if (from instanceof ArrayType && to instanceof ArrayType) return (!from.containsNull || to.containsNull) && canUpCast(from.elementType, to.elementType);
  if (from instanceof MapType && to instanceof MapType) {
    return (!from.valueContainsNull || to.valueContainsNull) && canUpCast(from.keyType, to.keyType) && canUpCast(from.valueType, to.valueType);
  }
  if (from instanceof StructType && to instanceof StructType) {
    return from.fields.length === to.fields.length && from.fields.every((f, i) => (!f.nullable || to.fields[i].nullable) && canUpCast(f.dataType, to.fields[i].dataType));
  }
  return false;
}
