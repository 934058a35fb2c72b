// Spark's Cast.forceNullable, apart from the cast implementation so that Expression's nullability
// (expression.ts) can use it without importing every conversion.
import {
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
  NullType,
  ShortType,
  StringType,
  TimestampType,
  VarcharType,
  type DataType,
} from '../types/data-types';

const isString = (t: DataType): boolean => t instanceof StringType || t instanceof CharType || t instanceof VarcharType;
const isIntegral = (t: DataType): boolean => t instanceof IntegralType;
const isDecimal = (t: DataType): t is DecimalType => t instanceof DecimalType;
const isBoolean = (t: DataType): boolean => t instanceof BooleanType;
const isDate = (t: DataType): boolean => t instanceof DateType;
const isTimestamp = (t: DataType): boolean => t instanceof TimestampType;

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

