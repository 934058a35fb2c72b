// Engine rows -> one Arrow IPC stream, the `data` of a Spark Connect LocalRelation (what PySpark's
// Connect client sends for `createDataFrame`). The inverse of arrow-rows.ts: each Spark type is
// written as the Arrow type Spark's ArrowUtils gives it (LONG int64, TIMESTAMP timestamp[us, tz],
// TIMESTAMP_NTZ timestamp[us], DATE date32, DECIMAL decimal128, DAY-TIME INTERVAL duration[us],
// YEAR-MONTH INTERVAL interval[YEAR_MONTH], ARRAY list<element>, MAP map<entries{key,value}>,
// STRUCT struct), and the buffers are filled directly, so no value loses precision on the way.
import {
  Binary,
  Bool,
  Data,
  DataType as ArrowDataType,
  DateDay,
  Decimal as ArrowDecimal,
  DurationMicrosecond,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  IntervalMonthDayNano,
  IntervalYearMonth,
  List,
  Map_,
  Null,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMicrosecond,
  Utf8,
  makeData,
} from 'apache-arrow';
import { ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, CharType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, TimestampNTZType, TimestampType, VarcharType } from '../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { StructType } from '../types/struct-type';
import { toDecimal } from '../types/decimal';
import { SparkException } from '../errors/spark-exception';

const utf8 = new TextEncoder();

/** The Arrow type Spark's ArrowUtils.toArrowType gives a Spark type (timeZone for TIMESTAMP). */
export function arrowTypeOf(type: DataType, timeZone: string): ArrowDataType {
  if (type instanceof NullType) return new Null();
  if (type instanceof BooleanType) return new Bool();
  if (type instanceof ByteType) return new Int8();
  if (type instanceof ShortType) return new Int16();
  if (type instanceof IntegerType) return new Int32();
  if (type instanceof LongType) return new Int64();
  if (type instanceof FloatType) return new Float32();
  if (type instanceof DoubleType) return new Float64();
  if (type instanceof StringType || type instanceof CharType || type instanceof VarcharType) return new Utf8();
  if (type instanceof BinaryType) return new Binary();
  if (type instanceof DateType) return new DateDay();
  if (type instanceof TimestampType) return new TimestampMicrosecond(timeZone);
  if (type instanceof TimestampNTZType) return new TimestampMicrosecond(null);
  if (type instanceof DecimalType) return new ArrowDecimal(type.scale, type.precision, 128);
  if (type instanceof YearMonthIntervalType) return new IntervalYearMonth();
  if (type instanceof DayTimeIntervalType) return new DurationMicrosecond();
  if (type instanceof CalendarIntervalType) return new IntervalMonthDayNano();
  if (type instanceof ArrayType) return new List(new Field('element', arrowTypeOf(type.elementType, timeZone), type.containsNull));
  if (type instanceof MapType) {
    const entries = new Struct([new Field('key', arrowTypeOf(type.keyType, timeZone), false), new Field('value', arrowTypeOf(type.valueType, timeZone), type.valueContainsNull)]);
    return new Map_(new Field('entries', entries, false));
  }
  if (type instanceof StructType) return new Struct(type.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType, timeZone), f.nullable)));
  throw new SparkException(`Remote mode cannot send values of the Spark type ${type.simpleString()} in createDataFrame yet; create the column with a SQL expression instead.`, {
    errorClass: 'RIVULET_CONNECT_UNSUPPORTED_TYPE',
    messageParameters: { type: type.simpleString() },
  });
}

/** A validity bitmap (undefined when nothing is null) and the null count. */
function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  return { nullBitmap: nullCount ? bitmap : undefined, nullCount };
}

/** Offsets and bytes of variable-length values (strings, binary). */
function varBytes(values: readonly unknown[], toBytes: (v: unknown) => Uint8Array): { valueOffsets: Int32Array; data: Uint8Array } {
  const parts = values.map((v) => (v === null || v === undefined ? new Uint8Array(0) : toBytes(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  parts.forEach((p, i) => (valueOffsets[i + 1] = valueOffsets[i] + p.length));
  const data = new Uint8Array(valueOffsets[values.length]);
  parts.forEach((p, i) => data.set(p, valueOffsets[i]));
  return { valueOffsets, data };
}

/** Offsets of list-like values and their flattened elements. */
function listOffsets<T>(values: readonly unknown[], items: (v: unknown) => T[]): { valueOffsets: Int32Array; children: T[] } {
  const valueOffsets = new Int32Array(values.length + 1);
  const children: T[] = [];
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) children.push(...items(v));
    valueOffsets[i + 1] = children.length;
  });
  return { valueOffsets, children };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : typeof v === 'bigint' ? v : BigInt(v as number));

/** One Arrow column (Data) of `type` holding engine values. */
function columnData(type: DataType, arrowType: ArrowDataType, values: readonly unknown[]): Data {
  const length = values.length;
  const { nullBitmap, nullCount } = validity(values);
  const base = { type: arrowType, length, nullCount, nullBitmap } as const;
  if (type instanceof NullType) return makeData({ type: arrowType as Null, length, nullCount: length });
  if (type instanceof BooleanType) {
    const data = new Uint8Array(Math.ceil(length / 8));
    values.forEach((v, i) => v === true && (data[i >> 3] |= 1 << (i & 7)));
    return makeData({ ...base, type: arrowType as Bool, data });
  }
  if (type instanceof ByteType) return makeData({ ...base, type: arrowType as Int8, data: Int8Array.from(values, num) });
  if (type instanceof ShortType) return makeData({ ...base, type: arrowType as Int16, data: Int16Array.from(values, num) });
  if (type instanceof IntegerType) return makeData({ ...base, type: arrowType as Int32, data: Int32Array.from(values, num) });
  if (type instanceof DateType) return makeData({ ...base, type: arrowType as DateDay, data: Int32Array.from(values, num) });
  if (type instanceof YearMonthIntervalType) return makeData({ ...base, type: arrowType as IntervalYearMonth, data: Int32Array.from(values, num) });
  if (type instanceof FloatType) return makeData({ ...base, type: arrowType as Float32, data: Float32Array.from(values, num) });
  if (type instanceof DoubleType) return makeData({ ...base, type: arrowType as Float64, data: Float64Array.from(values, num) });
  if (type instanceof LongType) return makeData({ ...base, type: arrowType as Int64, data: BigInt64Array.from(values, big) });
  if (type instanceof TimestampType || type instanceof TimestampNTZType) return makeData({ ...base, type: arrowType as TimestampMicrosecond, data: BigInt64Array.from(values, big) });
  if (type instanceof DayTimeIntervalType) return makeData({ ...base, type: arrowType as DurationMicrosecond, data: BigInt64Array.from(values, big) });
  if (type instanceof StringType || type instanceof CharType || type instanceof VarcharType) return makeData({ ...base, type: arrowType as Utf8, ...varBytes(values, (v) => utf8.encode(String(v))) });
  if (type instanceof BinaryType) return makeData({ ...base, type: arrowType as Binary, ...varBytes(values, (v) => v as Uint8Array) });
  if (type instanceof DecimalType) {
    const words = new Uint32Array(length * 4);
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      let u = BigInt.asUintN(128, toDecimal(v).setScale(type.scale).unscaled);
      for (let w = 0; w < 4; w++, u >>= 32n) words[i * 4 + w] = Number(u & 0xffffffffn);
    });
    return makeData({ ...base, type: arrowType as ArrowDecimal, data: words });
  }
  if (type instanceof CalendarIntervalType) {
    const words = new Int32Array(length * 4);
    const view = new DataView(words.buffer);
    values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const c = v as { months: number; days: number; microseconds: bigint | number };
      view.setInt32(i * 16, c.months, true);
      view.setInt32(i * 16 + 4, c.days, true);
      view.setBigInt64(i * 16 + 8, BigInt(c.microseconds) * 1000n, true);
    });
    return makeData({ ...base, type: arrowType as IntervalMonthDayNano, data: words });
  }
  if (type instanceof ArrayType) {
    const list = arrowType as List;
    const { valueOffsets, children } = listOffsets(values, (v) => [...(v as unknown[])]);
    return makeData({ ...base, type: list, valueOffsets, child: columnData(type.elementType, list.children[0].type, children) });
  }
  if (type instanceof MapType) {
    const map = arrowType as Map_;
    const { valueOffsets, children } = listOffsets(values, (v) => [...(v instanceof Map ? v.entries() : Object.entries(v as object))]);
    const entries = map.children[0].type as Struct;
    const keys = columnData(type.keyType, entries.children[0].type, children.map((e) => e[0]));
    const vals = columnData(type.valueType, entries.children[1].type, children.map((e) => e[1]));
    const child = makeData({ type: entries, length: children.length, nullCount: 0, children: [keys, vals] });
    return makeData({ ...base, type: map, valueOffsets, child });
  }
  if (type instanceof StructType) {
    const struct = arrowType as Struct;
    const children = type.fields.map((f, k) => columnData(f.dataType, struct.children[k].type, values.map((v) => (v === null || v === undefined ? null : (v as unknown[])[k]))));
    return makeData({ ...base, type: struct, children });
  }
  arrowTypeOf(type, 'UTC');
  throw new SparkException(`Remote mode cannot send values of the Spark type ${type.simpleString()} (a bug).`, { errorClass: 'INTERNAL_ERROR' });
}

/** One Arrow IPC stream (schema + one record batch) holding `rows` of `schema`. */
export function arrowIpcOfRows(schema: StructType, rows: readonly (readonly unknown[])[], timeZone: string): Uint8Array {
  const arrowSchema = new Schema(schema.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType, timeZone), f.nullable)));
  const columns = schema.fields.map((f, k) =>
    columnData(
      f.dataType,
      arrowSchema.fields[k].type,
      rows.map((r) => r[k]),
    ),
  );
  const struct = makeData({ type: new Struct(arrowSchema.fields), length: rows.length, nullCount: 0, children: columns });
  const batch = new RecordBatch(arrowSchema, struct);
  return RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
}
