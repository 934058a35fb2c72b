// The type-merging rules schema inference needs: Spark's TypeCoercion.findTightestCommonType and
// findWiderTypeForTwo, restricted to the types files can produce (null, numbers, decimals,
// boolean, string, date, timestamps, arrays, structs).
import { decimalForType } from '../../types/decimal-precision';
import { DataType, DataTypes, DecimalType, ArrayType, MapType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';

const NUMERIC_ORDER = ['byte', 'short', 'integer', 'long', 'float', 'double'];

export function isDecimal(t: DataType): t is DecimalType {
  return t instanceof DecimalType;
}

/** DecimalType.forType restricted to integral types (what CSV/JSON inference widens). */
export function decimalForIntegral(t: DataType): DecimalType | undefined {
  return ['byte', 'short', 'integer', 'long'].includes(t.typeName()) ? decimalForType(t) : undefined;
}

function isWiderThan(d: DecimalType, other: DecimalType): boolean {
  return d.precision - d.scale >= other.precision - other.scale && d.scale >= other.scale;
}

/** Structural type equality without DataType.equals' JSON rendering (inference calls it per record). */
export function sameType(a: DataType, b: DataType): boolean {
  if (a === b) return true;
  if (a.constructor !== b.constructor) return false;
  if (a instanceof StructType) {
    const bf = (b as StructType).fields;
    return a.fields.length === bf.length && a.fields.every((f, i) => f.name === bf[i].name && f.nullable === bf[i].nullable && sameType(f.dataType, bf[i].dataType));
  }
  if (a instanceof ArrayType) return a.containsNull === (b as ArrayType).containsNull && sameType(a.elementType, (b as ArrayType).elementType);
  if (a instanceof MapType) {
    const m = b as MapType;
    return a.valueContainsNull === m.valueContainsNull && sameType(a.keyType, m.keyType) && sameType(a.valueType, m.valueType);
  }
  return a.typeName() === b.typeName();
}

/** Spark's findTightestCommonType: widening without loss, or undefined. */
export function findTightestCommonType(t1: DataType, t2: DataType): DataType | undefined {
  if (sameType(t1, t2)) return t1;
  const n1 = t1.typeName();
  const n2 = t2.typeName();
  if (n1 === 'void') return t2;
  if (n2 === 'void') return t1;
  const i1 = NUMERIC_ORDER.indexOf(n1);
  const i2 = NUMERIC_ORDER.indexOf(n2);
  if (i1 >= 0 && i2 >= 0) return i1 >= i2 ? t1 : t2;
  if (isDecimal(t2) && i1 >= 0 && i1 <= 3 && isWiderThan(t2, decimalForIntegral(t1)!)) return t2;
  if (isDecimal(t1) && i2 >= 0 && i2 <= 3 && isWiderThan(t1, decimalForIntegral(t2)!)) return t1;
  const timestamps = ['timestamp', 'timestamp_ntz'];
  if (timestamps.includes(n1) && timestamps.includes(n2)) return DataTypes.TimestampType;
  if (n1 === 'date' && timestamps.includes(n2)) return t2;
  if (n2 === 'date' && timestamps.includes(n1)) return t1;
  return undefined;
}

/** Two decimals merged without losing integral digits or scale; double past 38 digits. */
export function widerDecimal(t1: DecimalType, t2: DecimalType): DataType {
  const scale = Math.max(t1.scale, t2.scale);
  const range = Math.max(t1.precision - t1.scale, t2.precision - t2.scale);
  return range + scale > 38 ? DataTypes.DoubleType : new DecimalType(range + scale, scale);
}

/** Spark's findWiderTypeForTwo for atomic types; undefined when only a string would do. */
export function findWiderTypeForTwo(t1: DataType, t2: DataType): DataType | undefined {
  const tight = findTightestCommonType(t1, t2);
  if (tight) return tight;
  const d1 = isDecimal(t1) ? t1 : decimalForIntegral(t1);
  const d2 = isDecimal(t2) ? t2 : decimalForIntegral(t2);
  if ((isDecimal(t1) || isDecimal(t2)) && d1 && d2) return widerDecimal(d1, d2);
  if ((isDecimal(t1) && ['float', 'double'].includes(t2.typeName())) || (isDecimal(t2) && ['float', 'double'].includes(t1.typeName()))) {
    return DataTypes.DoubleType;
  }
  const n1 = t1.typeName();
  const n2 = t2.typeName();
  // String promotion: a string with any atomic type but binary/boolean is a string.
  if (n1 === 'string' && !['binary', 'boolean'].includes(n2) && !(t2 instanceof StructType) && !(t2 instanceof ArrayType)) return t1;
  if (n2 === 'string' && !['binary', 'boolean'].includes(n1) && !(t1 instanceof StructType) && !(t1 instanceof ArrayType)) return t2;
  return undefined;
}

/** The same type with every field and element nullable (Spark's `asNullable`). */
export function asNullable(t: DataType): DataType {
  if (t instanceof StructType) return new StructType(t.fields.map((f) => new StructField(f.name, asNullable(f.dataType), true, f.metadata)));
  if (t instanceof ArrayType) return new ArrayType(asNullable(t.elementType), true);
  if (t instanceof MapType) return new MapType(asNullable(t.keyType), asNullable(t.valueType), true);
  return t;
}
