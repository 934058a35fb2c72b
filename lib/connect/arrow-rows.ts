// Arrow IPC batches from a Spark Connect server -> engine rows (LONG as bigint, TIMESTAMP as epoch
// microseconds, DATE as epoch days, DECIMAL as Decimal, STRUCT as an array...), which
// toExternalRows then turns into exactly what local mode gives a user (docs/guides/value-types.md). The Spark
// schema decides each value; Arrow's buffers are read directly, so no precision is lost on the way
// (microseconds, 64-bit integers, 38-digit decimals).
import { tableFromIPC, type Data, Type } from 'apache-arrow';
import { ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, CharType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, TimestampNTZType, TimestampType, VarcharType } from '../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../types/interval-types';
import { StructType } from '../types/struct-type';
import { Decimal } from '../types/decimal';
import { SparkException } from '../errors/spark-exception';

type Reader = (data: Data, index: number) => unknown;

const utf8 = new TextDecoder('utf-8');

function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0 || data.nullCount === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3] >> (bit & 7)) & 1) === 1;
}

function fixed(data: Data, i: number): unknown {
  return (data.values as ArrayLike<unknown>)[data.offset + i];
}

function int64(data: Data, i: number): bigint {
  const values = data.values as unknown as BigInt64Array | Int32Array;
  if (values instanceof BigInt64Array) return values[data.offset + i];
  // Older layouts keep 64-bit values as pairs of 32-bit words (low, high).
  const j = (data.offset + i) * 2;
  return (BigInt(values[j + 1]) << 32n) | BigInt(values[j] >>> 0);
}

function bytesAt(data: Data, i: number): Uint8Array {
  const offsets = data.valueOffsets as unknown as Int32Array | BigInt64Array;
  const start = Number(offsets[data.offset + i]);
  const end = Number(offsets[data.offset + i + 1]);
  return (data.values as Uint8Array).subarray(start, end);
}

function decimal128(data: Data, i: number, scale: number): Decimal {
  const words = data.values as unknown as Uint32Array;
  const j = (data.offset + i) * 4;
  let v = 0n;
  for (let w = 3; w >= 0; w--) v = (v << 32n) | BigInt(words[j + w]);
  if (v >= 1n << 127n) v -= 1n << 128n;
  return Decimal.of(v, scale);
}

function readerFor(type: DataType): Reader {
  if (type instanceof NullType) return () => null;
  if (type instanceof BooleanType) {
    return (d, i) => {
      const bit = d.offset + i;
      return (((d.values as Uint8Array)[bit >> 3] >> (bit & 7)) & 1) === 1;
    };
  }
  if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof FloatType || type instanceof DoubleType || type instanceof DateType || type instanceof YearMonthIntervalType) return fixed;
  if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType || type instanceof DayTimeIntervalType) return int64;
  if (type instanceof StringType || type instanceof CharType || type instanceof VarcharType) return (d, i) => utf8.decode(bytesAt(d, i));
  if (type instanceof BinaryType) return (d, i) => Uint8Array.from(bytesAt(d, i));
  if (type instanceof DecimalType) {
    const scale = type.scale;
    return (d, i) => decimal128(d, i, scale);
  }
  if (type instanceof CalendarIntervalType) {
    return (d, i) => {
      // Arrow MONTH_DAY_NANO: int32 months, int32 days, int64 nanoseconds.
      const view = new DataView((d.values as Int32Array).buffer, (d.values as Int32Array).byteOffset + (d.offset + i) * 16, 16);
      return { months: view.getInt32(0, true), days: view.getInt32(4, true), microseconds: view.getBigInt64(8, true) / 1000n };
    };
  }
  if (type instanceof ArrayType) {
    const element = nullable(readerFor(type.elementType));
    return (d, i) => {
      const offsets = d.valueOffsets as unknown as Int32Array;
      const start = Number(offsets[d.offset + i]);
      const end = Number(offsets[d.offset + i + 1]);
      const child = d.children[0];
      const out = new Array<unknown>(end - start);
      for (let k = start; k < end; k++) out[k - start] = element(child, k);
      return out;
    };
  }
  if (type instanceof MapType) {
    const key = nullable(readerFor(type.keyType));
    const value = nullable(readerFor(type.valueType));
    return (d, i) => {
      const offsets = d.valueOffsets as unknown as Int32Array;
      const start = Number(offsets[d.offset + i]);
      const end = Number(offsets[d.offset + i + 1]);
      const entries = d.children[0];
      const out = new Map<unknown, unknown>();
      for (let k = start; k < end; k++) out.set(key(entries.children[0], k), value(entries.children[1], k));
      return out;
    };
  }
  if (type instanceof StructType) {
    const fields = type.fields.map((f) => nullable(readerFor(f.dataType)));
    return (d, i) => fields.map((r, k) => r(d.children[k], d.offset + i));
  }
  throw new SparkException(`Remote mode cannot read values of the Spark type ${type.simpleString()} yet; cast the column (for example to STRING) in the query.`, {
    errorClass: 'RIVULET_CONNECT_UNSUPPORTED_TYPE',
    messageParameters: { type: type.simpleString() },
  });
}

function nullable(read: Reader): Reader {
  return (d, i) => (isValid(d, i) ? read(d, i) : null);
}

/** Engine rows of `schema` from Arrow IPC streams (one per ExecutePlanResponse.arrow_batch). */
export function rowsFromArrowBatches(schema: StructType, batches: readonly Uint8Array[]): unknown[][] {
  const readers = schema.fields.map((f) => nullable(readerFor(f.dataType)));
  const rows: unknown[][] = [];
  for (const bytes of batches) {
    const table = tableFromIPC(bytes);
    if (table.numCols !== readers.length) {
      throw new SparkException(`The server's Arrow batch has ${table.numCols} columns where the schema has ${readers.length} (a bug).`, { errorClass: 'INTERNAL_ERROR' });
    }
    for (const batch of table.batches) {
      const columns = batch.data.children;
      for (let r = 0; r < batch.numRows; r++) {
        const row = new Array<unknown>(readers.length);
        for (let c = 0; c < readers.length; c++) row[c] = readers[c](columns[c], r);
        rows.push(row);
      }
    }
  }
  return rows;
}

export { Type as ArrowType };
