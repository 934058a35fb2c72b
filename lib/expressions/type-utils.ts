// Small type predicates and numeric widening shared by functions and the analyzer.
import { DataType, DataTypes, NumericType, IntegralType, DecimalType } from '../types/data-types';
import type { Expression, Cast } from './expression';

export function isNumeric(t: DataType): boolean {
  return t instanceof NumericType;
}

export function isIntegral(t: DataType): boolean {
  return t instanceof IntegralType;
}

export function isString(t: DataType): boolean {
  return t.typeName() === 'string';
}

export function isNull(t: DataType): boolean {
  return t.typeName() === 'void';
}

const NUMERIC_PRECEDENCE = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** Spark's wider numeric type (decimals widen to double here until exact decimals land). */
export function widerNumericType(a: DataType, b: DataType): DataType {
  if (a instanceof DecimalType || b instanceof DecimalType) return DataTypes.DoubleType;
  const ia = NUMERIC_PRECEDENCE.indexOf(a.typeName());
  const ib = NUMERIC_PRECEDENCE.indexOf(b.typeName());
  return ia >= ib ? a : b;
}

/** Spark's `DataType.sql` rendering for messages: INT, BIGINT, STRING, ARRAY<STRING>... */
export function typeSql(t: DataType): string {
  return t.toDDL();
}

export function implicitCast(e: Expression, to: DataType): Expression {
  if (e.dataType.equals(to)) return e;
  const cast: Cast = { kind: 'cast', child: e, dataType: to, tryCast: false, implicit: true };
  return cast;
}

/** Total order over same-typed non-null values (numbers, bigints, strings, booleans, bytes). */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // Spark orders NaN above every other double, and -0.0 equal to 0.0.
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] === null || b[i] === null) {
        if (a[i] !== b[i]) return a[i] === null ? -1 : 1;
        continue;
      }
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Equality with Spark's semantics for one type (NaN = NaN, arrays by content). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return compareValues(a, b) === 0;
  return false;
}
