// Small type predicates, value comparison and implicit-cast construction shared by functions and
// the analyzer. Spark's coercion rules themselves live in type-coercion.ts.
import { DataType, DataTypes, NumericType, IntegralType, DecimalType, AtomicType, ArrayType, MapType } from '../types/data-types';
import { Decimal } from '../types/decimal';
import { StructType } from '../types/struct-type';
import type { Expression, Cast } from './expression';

export function isNumeric(t: DataType): boolean {
  return t instanceof NumericType;
}

export function isIntegral(t: DataType): boolean {
  return t instanceof IntegralType;
}

/** STRING, and CHAR(n)/VARCHAR(n), which behave as STRING inside expressions. */
export function isString(t: DataType): boolean {
  const n = t.typeName();
  return n === 'string' || n.startsWith('char(') || n.startsWith('varchar(');
}

export function isNull(t: DataType): boolean {
  return t.typeName() === 'void';
}

export function isBoolean(t: DataType): boolean {
  return t.typeName() === 'boolean';
}

export function isBinary(t: DataType): boolean {
  return t.typeName() === 'binary';
}

export function isAtomic(t: DataType): boolean {
  return t instanceof AtomicType;
}

/** DATE, TIMESTAMP and TIMESTAMP_NTZ (Spark's DatetimeType). */
export function isDatetime(t: DataType): boolean {
  const n = t.typeName();
  return n === 'date' || n === 'timestamp' || n === 'timestamp_ntz';
}

const NUMERIC_PRECEDENCE = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** Spark's wider numeric type (decimals widen to double here; see type-coercion.ts for exact rules). */
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

/** Same type ignoring nullability flags (`containsNull`, `valueContainsNull`, field nullability). */
export function sameType(a: DataType, b: DataType): boolean {
  if (a instanceof ArrayType && b instanceof ArrayType) return sameType(a.elementType, b.elementType);
  if (a instanceof MapType && b instanceof MapType) return sameType(a.keyType, b.keyType) && sameType(a.valueType, b.valueType);
  if (a instanceof StructType && b instanceof StructType) {
    return a.fields.length === b.fields.length && a.fields.every((f, i) => f.name === b.fields[i].name && sameType(f.dataType, b.fields[i].dataType));
  }
  return a.equals(b);
}

/** An implicit (coercion) cast; types equal up to nullability need none, values look the same. */
export function implicitCast(e: Expression, to: DataType): Expression {
  if (sameType(e.dataType, to)) return e;
  const cast: Cast = { kind: 'cast', child: e, dataType: to, tryCast: false, implicit: true };
  return cast;
}

/** Total order over same-typed non-null values (numbers, bigints, strings, booleans, bytes, decimals, structs, arrays). */
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
  if (a instanceof Decimal && b instanceof Decimal) return a.compare(b);
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

/** Equality with Spark's semantics for one type (NaN = NaN, arrays and decimals by value). */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    if (a instanceof Map || b instanceof Map) return mapsEqual(a, b);
    return compareValues(a, b) === 0;
  }
  return false;
}

function mapsEqual(a: unknown, b: unknown): boolean {
  if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
  const ea = [...a.entries()];
  const eb = [...b.entries()];
  return ea.every(([k, v], i) => valuesEqual(k, eb[i][0]) && (v === null ? eb[i][1] === null : eb[i][1] !== null && valuesEqual(v, eb[i][1])));
}
