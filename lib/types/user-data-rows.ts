// User rows -> engine rows (createDataFrame, stateful functions' output and state). Input forms: arrays, plain objects or Rows, with an optional schema. Without
// a schema the types are inferred from every row and merged, as PySpark's _inferSchemaFromList;
// with one, every value is checked against its field's type before any query runs.
import { DataType, DataTypes, ArrayType, MapType, DecimalType, StringType, NullType, LongType, DoubleType } from '../types/data-types';
import { StructType, StructField } from '../types/struct-type';
import { Row } from '../types/row';
import { Decimal } from '../types/decimal';
import { Timestamp } from '../types/timestamp-value';
import { PlainDate } from '../types/plain-date';
import { PlainDateTime } from '../types/plain-date-time';
import { toInternalRows } from '../types/internal-row';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';

const isRecord = (d: unknown): d is Record<string, unknown> =>
  d !== null && typeof d === 'object' && (Object.getPrototypeOf(d) === Object.prototype || Object.getPrototypeOf(d) === null);

/** PySpark's _infer_type for one JS value (`name` for the error). */
function inferType(v: unknown, name: string): DataType {
  if (v === null || v === undefined) return DataTypes.NullType;
  switch (typeof v) {
    case 'string':
      return DataTypes.StringType;
    case 'boolean':
      return DataTypes.BooleanType;
    case 'bigint':
      return DataTypes.LongType;
    case 'number':
      // JS has one number type: integers are Python's int (bigint), others float (double).
      return Number.isInteger(v) ? DataTypes.LongType : DataTypes.DoubleType;
    default:
      break;
  }
  if (v instanceof Timestamp || v instanceof Date) return DataTypes.TimestampType;
  if (v instanceof PlainDate) return DataTypes.DateType;
  if (v instanceof PlainDateTime) return DataTypes.TimestampNTZType;
  if (v instanceof Decimal) return DecimalType(38, 18);
  if (v instanceof Uint8Array) return DataTypes.BinaryType;
  if (Array.isArray(v)) return ArrayType(v.reduce<DataType>((t, x) => mergeType(t, inferType(x, name)), DataTypes.NullType), true);
  if (v instanceof Map || isRecord(v)) {
    let k: DataType = DataTypes.NullType;
    let x: DataType = DataTypes.NullType;
    for (const [key, value] of v instanceof Map ? v : Object.entries(v)) {
      k = mergeType(k, inferType(key, name));
      x = mergeType(x, inferType(value, name));
    }
    return MapType(k, x, true);
  }
  if (v instanceof Row) {
    const names = (v as unknown as { __fields__?: string[] }).__fields__;
    const values = [...(v as Iterable<unknown>)];
    return StructType(values.map((x, i) => StructField(names?.[i] ?? `_${i + 1}`, inferType(x, name), true)));
  }
  throw new PySparkTypeError('CANNOT_INFER_TYPE_FOR_FIELD', `Unable to infer the type of the field \`${name}\`.`, { field_name: name });
}

/** PySpark's _merge_type; JS numbers make LONG and DOUBLE merge to DOUBLE. */
function mergeType(a: DataType, b: DataType): DataType {
  if (a instanceof NullType) return b;
  if (b instanceof NullType) return a;
  if (a.equals(b)) return a;
  if ((a instanceof LongType && b instanceof DoubleType) || (a instanceof DoubleType && b instanceof LongType)) return DataTypes.DoubleType;
  if (a instanceof StringType || b instanceof StringType) {
    if (!(a instanceof StructType || b instanceof StructType || a instanceof ArrayType || b instanceof ArrayType || a instanceof MapType || b instanceof MapType)) return DataTypes.StringType;
  }
  if (a instanceof ArrayType && b instanceof ArrayType) return ArrayType(mergeType(a.elementType, b.elementType), true);
  if (a instanceof MapType && b instanceof MapType) return MapType(mergeType(a.keyType, b.keyType), mergeType(a.valueType, b.valueType), true);
  if (a instanceof StructType && b instanceof StructType) {
    const fields = a.fields.map((f) => {
      const other = b.fields.find((g) => g.name === f.name);
      return StructField(f.name, other ? mergeType(f.dataType, other.dataType) : f.dataType, true);
    });
    for (const g of b.fields) if (!a.fields.some((f) => f.name === g.name)) fields.push(StructField(g.name, g.dataType, true));
    return StructType(fields);
  }
  throw new PySparkTypeError('CANNOT_MERGE_TYPE', `Can not merge type \`${typeClassName(a)}\` and \`${typeClassName(b)}\`.`, { data_type1: typeClassName(a), data_type2: typeClassName(b) });
}

function typeClassName(t: DataType): string {
  return String(t).replace(/\(.*$/, '');
}

function hasNullType(t: DataType): boolean {
  if (t instanceof NullType) return true;
  if (t instanceof ArrayType) return hasNullType(t.elementType);
  if (t instanceof MapType) return hasNullType(t.keyType) || hasNullType(t.valueType);
  if (t instanceof StructType) return t.fields.some((f) => hasNullType(f.dataType));
  return false;
}

/**
 * The fields of rows given as plain objects, as PySpark infers them from dicts: each row's keys
 * sorted, merged over all rows (a key only some rows have is a nullable field, null elsewhere).
 */
function recordFieldNames(data: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of data) {
    if (!isRecord(d)) continue;
    for (const k of Object.keys(d).sort()) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return out;
}

export function rowsFromUserData(data: readonly unknown[], schema: StructType | string[] | DataType | undefined, timeZone: string): { rows: unknown[][]; schema: StructType } {
  let names: string[] | undefined;
  let struct: StructType | undefined;
  if (schema instanceof StructType) struct = schema;
  else if (Array.isArray(schema)) names = schema;
  else if (schema instanceof DataType) struct = StructType([StructField('value', schema, true)]);

  if (!struct) {
    if (data.length === 0) throw new PySparkValueError('CANNOT_INFER_EMPTY_SCHEMA', 'Can not infer schema from an empty dataset.');
    const first = data.find((d) => d !== null && d !== undefined);
    const rowNames = first instanceof Row ? (first as unknown as { __fields__?: string[] }).__fields__ : undefined;
    const fieldNames = names ?? rowNames ?? (isRecord(first) ? recordFieldNames(data) : Array.isArray(first) ? first.map((_, i) => `_${i + 1}`) : first instanceof Row ? [...(first as Iterable<unknown>)].map((_, i) => `_${i + 1}`) : ['value']);
    const arrays = data.map((d) => (Array.isArray(d) ? d : d instanceof Row ? [...(d as Iterable<unknown>)] : isRecord(d) ? fieldNames.map((n) => d[n]) : [d]));
    const fields = fieldNames.map((n, i) => {
      let t: DataType = DataTypes.NullType;
      for (const r of arrays) t = mergeType(t, inferType(r[i], n));
      return StructField(n, t, true);
    });
    if (fields.some((f) => hasNullType(f.dataType))) throw new PySparkValueError('CANNOT_DETERMINE_TYPE', 'Some of types cannot be determined after inferring.');
    struct = StructType(fields);
  }
  return { rows: toInternalRows(struct, data, timeZone), schema: struct };
}
