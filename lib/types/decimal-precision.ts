// Spark's DecimalPrecision rules: the decimal type an integral operand is promoted to and the
// result types of decimal arithmetic, with spark.sql.decimalOperations.allowPrecisionLoss=true
// (the default): a result wider than 38 digits keeps its integer digits and gives up scale,
// down to 6 fraction digits.
import { DataType, DecimalType } from './data-types';
import { Decimal } from './decimal';

export const MAX_PRECISION = 38;
export const MAX_SCALE = 38;
export const MINIMUM_ADJUSTED_SCALE = 6;

/** Spark's `DecimalType.bounded`: both capped at 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  return new DecimalType(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_SCALE));
}

/** Spark's `DecimalType.adjustPrecisionScale`. */
export function adjustPrecisionScale(precision: number, scale: number): DecimalType {
  if (precision <= MAX_PRECISION) return new DecimalType(precision, scale);
  if (scale < 0) return new DecimalType(MAX_PRECISION, scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  const adjustedScale = Math.max(MAX_PRECISION - intDigits, minScale);
  return new DecimalType(MAX_PRECISION, adjustedScale);
}

const FOR_TYPE: Record<string, [number, number]> = {
  byte: [3, 0],
  short: [5, 0],
  integer: [10, 0],
  long: [20, 0],
  float: [14, 7],
  double: [30, 15],
};

/** Spark's `DecimalType.forType`: the decimal an integral (or float) type widens to. */
export function decimalForType(t: DataType): DecimalType | undefined {
  if (t instanceof DecimalType) return t;
  const d = FOR_TYPE[t.typeName()];
  return d && new DecimalType(d[0], d[1]);
}

/** Spark's `DecimalType.fromLiteral`: an integer literal needs only its own digits. */
export function decimalForLiteral(value: unknown, t: DataType): DecimalType | undefined {
  if (t.typeName() === 'byte') return decimalForType(t);
  if (typeof value === 'number' && Number.isInteger(value)) return new DecimalType(Decimal.of(BigInt(value)).precision, 0);
  if (typeof value === 'bigint') return new DecimalType(Decimal.of(value).precision, 0);
  return decimalForType(t);
}

/** Result type of `+` / `-`. */
export function addResultType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  return adjustPrecisionScale(Math.max(a.precision - a.scale, b.precision - b.scale) + scale + 1, scale);
}

/** Result type of `*`. */
export function multiplyResultType(a: DecimalType, b: DecimalType): DecimalType {
  return adjustPrecisionScale(a.precision + b.precision + 1, a.scale + b.scale);
}

/** Result type of `/`. */
export function divideResultType(a: DecimalType, b: DecimalType): DecimalType {
  const intDigits = a.precision - a.scale + b.scale;
  const scale = Math.max(MINIMUM_ADJUSTED_SCALE, a.scale + b.precision + 1);
  return adjustPrecisionScale(intDigits + scale, scale);
}

/** Result type of `%` and pmod. */
export function remainderResultType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  return adjustPrecisionScale(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale);
}

/** Spark's `widerDecimalType`: max(s1, s2) + max(p1-s1, p2-s2), bounded. */
export function widerDecimalType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  return boundedDecimal(Math.max(a.precision - a.scale, b.precision - b.scale) + scale, scale);
}
