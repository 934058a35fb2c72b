// User rows -> engine rows (createDataFrame, stateful functions' output and state). Input forms: arrays, plain objects or Rows, with an optional schema. Without
// a schema the types are inferred from the first non-null value of each column, as PySpark.
import { DataType, DataTypes, ArrayType } from './data-types';
import { StructType, StructField } from './struct-type';
import { Row } from './row';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';

function inferType(v: unknown): DataType {
  switch (typeof v) {
    case 'string':
      return DataTypes.StringType;
    case 'boolean':
      return DataTypes.BooleanType;
    case 'bigint':
      return DataTypes.LongType;
    case 'number':
      return Number.isInteger(v) ? DataTypes.LongType : DataTypes.DoubleType;
    default:
      if (v instanceof Date) return DataTypes.TimestampType;
      if (v instanceof Uint8Array) return DataTypes.BinaryType;
      if (Array.isArray(v)) return ArrayType(inferType(v.find((x) => x !== null) ?? null));
      if (v === null || v === undefined) return DataTypes.NullType;
      throw new PySparkTypeError('CANNOT_INFER_TYPE_FOR_FIELD', `Unable to infer the type of the field ${String(v)}.`);
  }
}

const NEEDS_CONVERSION = new Set(['long', 'timestamp', 'timestamp_ntz', 'date']);

function convert(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.typeName()) {
    case 'long':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return v instanceof Date ? BigInt(v.getTime()) * 1000n : v;
    case 'date':
      return v instanceof Date ? Math.floor(v.getTime() / 86_400_000) : v;
    default:
      return v;
  }
}

export function rowsFromUserData(data: readonly unknown[], schema?: StructType | string[] | DataType): { rows: unknown[][]; schema: StructType } {
  const first = data.find((d) => d !== null && d !== undefined);
  let names: string[] | undefined;
  let struct: StructType | undefined;
  if (schema instanceof StructType) struct = schema;
  else if (Array.isArray(schema)) names = schema;
  else if (schema instanceof DataType) struct = StructType([StructField('value', schema, true)]);

  const isRecord = (d: unknown): d is Record<string, unknown> => d !== null && typeof d === 'object' && !Array.isArray(d) && !(d instanceof Date) && !(d instanceof Uint8Array);
  const toArray = (d: unknown, fieldNames: string[]): unknown[] => {
    if (Array.isArray(d)) return d;
    if (d instanceof Row) return [...(d as Iterable<unknown>)];
    if (isRecord(d)) return fieldNames.map((n) => d[n] ?? null);
    return [d];
  };

  if (!struct) {
    const fieldNames = names ?? (first instanceof Row ? ((first as unknown as { __fields__: string[] }).__fields__) : isRecord(first) ? Object.keys(first) : Array.isArray(first) ? first.map((_, i) => `_${i + 1}`) : ['value']);
    const arrays = data.map((d) => toArray(d, fieldNames));
    const fields = fieldNames.map((n, i) => {
      const sample = arrays.find((r) => r[i] !== null && r[i] !== undefined)?.[i] ?? null;
      return StructField(n, inferType(sample), true);
    });
    struct = StructType(fields);
  }
  const fieldNames = struct.fieldNames();
  const types = struct.fields.map((f) => f.dataType);
  // Only columns whose JS values differ from the engine's representation need converting.
  const converted = types.map((t, i) => (NEEDS_CONVERSION.has(t.typeName()) ? i : -1)).filter((i) => i >= 0);
  const width = types.length;
  const rows: unknown[][] = new Array(data.length);
  for (let r = 0; r < data.length; r++) {
    const arr = toArray(data[r], fieldNames);
    if (arr.length !== width) {
      throw new PySparkValueError('LENGTH_SHOULD_BE_THE_SAME', `obj and fields should be of the same length, got ${arr.length} and ${width}.`);
    }
    const row = arr.slice();
    for (let j = 0; j < width; j++) if (row[j] === undefined) row[j] = null;
    for (const i of converted) row[i] = convert(row[i], types[i]);
    rows[r] = row;
  }
  return { rows, schema: struct };
}
