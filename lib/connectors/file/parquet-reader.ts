// Reading Parquet files synchronously: the footer and the Spark schema of a file (Spark's
// ParquetToSparkSchemaConverter), and the rows of a file for a requested Spark schema (columns
// chosen by name, missing ones null), in the engine's value representation.
//
// Pages are decoded with hyparquet's column reader. Its public readers are asynchronous; formats
// are synchronous (rows are read when a plan executes), and a whole file is in memory anyway, so
// this calls hyparquet's synchronous column decoder per column chunk and assembles the rows here.
// hyparquet's own value conversion is switched off (raw physical values come back, strings aside),
// because it turns decimals into floats and timestamps into Dates; the conversion to Spark values
// is below.
import { zstdDecompress } from './compression-codecs';
import type { FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import type { ColumnDecoder, Compressors } from 'hyparquet/src/types';
import * as zlib from 'node:zlib';
import { SparkException } from '../../errors/spark-exception';
import { ArrayType, DataType, DataTypes, DecimalType, MapType } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { StructField, StructType } from '../../types/struct-type';
import { lazy } from '../../util/lazy';

// hyparquet and its synchronous internals (the package exports `./src/*.js`), loaded on first use.
/* eslint-disable @typescript-eslint/no-require-imports */
const hyparquet = lazy(() => ({
  ...(require('hyparquet') as typeof import('hyparquet')),
  readColumn: (require('hyparquet/src/column.js') as typeof import('hyparquet/types/column')).readColumn,
  assembleNested: (require('hyparquet/src/assemble.js') as typeof import('hyparquet/types/assemble')).assembleNested,
  DEFAULT_PARSERS: (require('hyparquet/src/convert.js') as typeof import('hyparquet/types/convert')).DEFAULT_PARSERS,
  getTreePath: (require('hyparquet/src/schema.js') as typeof import('hyparquet/types/schema')).getTreePath,
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/** Codecs beyond hyparquet's built-in snappy: Node's zlib, and fzstd for zstd on Node without it (Spark writes gzip and zstd too). */
const COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(zlib.brotliDecompressSync(input)),
  ZSTD: (input) => zstdDecompress(input),
};

export interface ParquetFile {
  readonly metadata: FileMetaData;
  readonly tree: SchemaTree;
  readonly buffer: ArrayBuffer;
}

export class ParquetSchemaError extends SparkException {}

/** The footer of a file (throws hyparquet's error for a file that is not Parquet). */
export function openParquet(content: Uint8Array): ParquetFile {
  const buffer = content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength) as ArrayBuffer;
  const metadata = hyparquet().parquetMetadata(buffer);
  return { metadata, tree: hyparquet().parquetSchema(metadata), buffer };
}

// ---------------------------------------------------------------------------------------------
// Schema: Parquet -> Spark

function illegalType(element: SchemaElement): ParquetSchemaError {
  const annotation = element.logical_type ? `(${element.logical_type.type})` : element.converted_type ? ` (${element.converted_type})` : '';
  return new ParquetSchemaError(`[PARQUET_TYPE_ILLEGAL] Illegal Parquet type: ${element.type}${annotation}.`, { errorClass: 'PARQUET_TYPE_ILLEGAL', sqlState: '42846' });
}

function decimalOf(element: SchemaElement): DecimalType {
  const lt = element.logical_type;
  const precision = lt?.type === 'DECIMAL' ? lt.precision : (element.precision ?? 0);
  const scale = lt?.type === 'DECIMAL' ? lt.scale : (element.scale ?? 0);
  return new DecimalType(precision, scale);
}

/** The Spark type of a primitive column. */
function primitiveType(element: SchemaElement): DataType {
  const lt = element.logical_type;
  const ct = element.converted_type;
  const isDecimal = lt?.type === 'DECIMAL' || ct === 'DECIMAL';
  switch (element.type) {
    case 'BOOLEAN':
      return DataTypes.BooleanType;
    case 'FLOAT':
      return DataTypes.FloatType;
    case 'DOUBLE':
      return DataTypes.DoubleType;
    case 'INT96':
      return DataTypes.TimestampType;
    case 'INT32': {
      if (isDecimal) return decimalOf(element);
      if (lt?.type === 'DATE' || ct === 'DATE') return DataTypes.DateType;
      if (lt?.type === 'INTEGER') {
        if (lt.isSigned) return lt.bitWidth === 8 ? DataTypes.ByteType : lt.bitWidth === 16 ? DataTypes.ShortType : DataTypes.IntegerType;
        return lt.bitWidth === 8 ? DataTypes.ShortType : lt.bitWidth === 16 ? DataTypes.IntegerType : DataTypes.LongType;
      }
      if (ct === 'INT_8') return DataTypes.ByteType;
      if (ct === 'INT_16') return DataTypes.ShortType;
      if (ct === 'UINT_8') return DataTypes.ShortType;
      if (ct === 'UINT_16') return DataTypes.IntegerType;
      if (ct === 'UINT_32') return DataTypes.LongType;
      if (lt || (ct && ct !== 'INT_32')) throw illegalType(element);
      return DataTypes.IntegerType;
    }
    case 'INT64': {
      if (isDecimal) return decimalOf(element);
      if (lt?.type === 'TIMESTAMP') return lt.isAdjustedToUTC ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
      if (ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS') return DataTypes.TimestampType;
      if ((lt?.type === 'INTEGER' && !lt.isSigned) || ct === 'UINT_64') return new DecimalType(20, 0);
      if ((lt && lt.type !== 'INTEGER') || (ct && ct !== 'INT_64')) throw illegalType(element);
      return DataTypes.LongType;
    }
    case 'BYTE_ARRAY':
      if (isDecimal) return decimalOf(element);
      if (lt?.type === 'STRING' || lt?.type === 'ENUM' || lt?.type === 'JSON' || ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON') return DataTypes.StringType;
      return DataTypes.BinaryType;
    case 'FIXED_LEN_BYTE_ARRAY':
      if (isDecimal) return decimalOf(element);
      if (lt?.type === 'INTERVAL' || ct === 'INTERVAL') throw illegalType(element);
      return DataTypes.BinaryType;
    default:
      throw illegalType(element);
  }
}

const isRepeated = (n: SchemaTree) => n.element.repetition_type === 'REPEATED';
const isAnnotated = (n: SchemaTree, t: 'LIST' | 'MAP') => n.element.converted_type === t || n.element.logical_type?.type === t || (t === 'MAP' && n.element.converted_type === 'MAP_KEY_VALUE');

/**
 * The node holding a LIST's elements: the repeated child's only child (3-level lists), or the
 * repeated child itself (legacy 2-level lists: a primitive, a group of several fields, or a group
 * named `array` / `<list>_tuple`).
 */
function listElementNode(list: SchemaTree): SchemaTree {
  const repeated = list.children[0];
  if (repeated.children.length === 0) return repeated;
  if (repeated.children.length > 1 || repeated.element.name === 'array' || repeated.element.name === `${list.element.name}_tuple`) return repeated;
  return repeated.children[0];
}

/** The Spark type of a schema node (its own repetition aside). */
export function sparkTypeOfNode(node: SchemaTree): DataType {
  if (node.children.length === 0) return primitiveType(node.element);
  if (isAnnotated(node, 'LIST') && node.children.length === 1 && isRepeated(node.children[0])) {
    const element = listElementNode(node);
    return new ArrayType(sparkTypeOfNode(element), element === node.children[0] ? false : element.element.repetition_type !== 'REQUIRED');
  }
  if (isAnnotated(node, 'MAP') && node.children.length === 1 && node.children[0].children.length === 2) {
    const [key, value] = node.children[0].children;
    return new MapType(sparkTypeOfNode(key), sparkTypeOfNode(value), value.element.repetition_type !== 'REQUIRED');
  }
  return new StructType(node.children.map(fieldOfNode));
}

function fieldOfNode(node: SchemaTree): StructField {
  // A repeated field outside a LIST is a non-null array of its type.
  if (isRepeated(node)) return new StructField(node.element.name, new ArrayType(sparkTypeOfNode(node), false), false);
  return new StructField(node.element.name, sparkTypeOfNode(node), node.element.repetition_type !== 'REQUIRED');
}

/** The Spark schema of a file. */
export function sparkSchemaOf(file: ParquetFile): StructType {
  return new StructType(file.tree.children.map(fieldOfNode));
}

// ---------------------------------------------------------------------------------------------
// Values: raw physical values -> Spark values

type Convert = (raw: unknown) => unknown;

const MICROS_PER_DAY = 86_400_000_000n;
const JULIAN_DAY_OF_EPOCH = 2_440_588n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** A big-endian two's complement integer (decimal bytes); Number arithmetic while it is exact. */
function bigEndianSigned(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n === 0) return 0n;
  let head = bytes[0] & 0x80 ? bytes[0] - 256 : bytes[0];
  if (n <= 6) {
    for (let i = 1; i < n; i++) head = head * 256 + bytes[i];
    return BigInt(head);
  }
  if (n <= 12) {
    const split = n - 6;
    for (let i = 1; i < split; i++) head = head * 256 + bytes[i];
    let low = 0;
    for (let i = split; i < n; i++) low = low * 256 + bytes[i];
    return BigInt(head) * 281474976710656n + BigInt(low);
  }
  let v = BigInt(head);
  for (let i = 1; i < n; i++) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}


/** INT96 timestamps (Impala, old Spark): Julian day in the high 32 bits, nanos of day below. */
export function int96ToMicros(raw: bigint): bigint {
  const days = (raw >> 64n) - JULIAN_DAY_OF_EPOCH;
  const nanos = raw & 0xffffffffffffffffn;
  return days * MICROS_PER_DAY + floorDiv(nanos, 1000n);
}

/** Raw -> Spark value of a primitive column whose Spark type is `type` (its own type). */
function primitiveConverter(element: SchemaElement, type: DataType): Convert {
  const lt = element.logical_type;
  const ct = element.converted_type;
  if (type instanceof DecimalType) {
    const scale = type.scale;
    if (element.type === 'INT32' || element.type === 'INT64') {
      if (ct === 'UINT_64' || (lt?.type === 'INTEGER' && !lt.isSigned)) return (v) => Decimal.of(BigInt.asUintN(64, BigInt(v as bigint)), 0);
      return (v) => Decimal.of(BigInt(v as number | bigint), scale);
    }
    return (v) => Decimal.of(bigEndianSigned(v as Uint8Array), scale);
  }
  switch (type.typeName()) {
    case 'string':
      return (v) => {
        if (typeof v === 'string') return v;
        const b = v as Uint8Array;
        return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
      };
    case 'binary':
      return (v) => new Uint8Array(v as Uint8Array);
    case 'long':
      if (element.type === 'INT32') return (v) => BigInt((v as number) >>> 0);
      return (v) => (typeof v === 'bigint' ? v : BigInt(v as number));
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
      return (v) => Number(v);
    case 'float':
    case 'double':
      return (v) => Number(v);
    case 'boolean':
      return (v) => Boolean(v);
    case 'timestamp':
    case 'timestamp_ntz': {
      if (element.type === 'INT96') return (v) => int96ToMicros(v as bigint);
      const unit = lt?.type === 'TIMESTAMP' ? lt.unit : ct === 'TIMESTAMP_MILLIS' ? 'MILLIS' : 'MICROS';
      if (unit === 'MILLIS') return (v) => BigInt(v as bigint) * 1000n;
      if (unit === 'NANOS') return (v) => floorDiv(BigInt(v as bigint), 1000n);
      return (v) => BigInt(v as bigint);
    }
    default:
      return (v) => v;
  }
}

function sameTypeName(a: DataType, b: DataType): boolean {
  return a.simpleString() === b.simpleString();
}

/** Spark 4's Parquet type widening on read (int -> long/double, float -> double, date -> timestamp_ntz...). */
function widen(from: DataType, to: DataType): Convert | undefined {
  const f = from.typeName();
  const t = to.typeName();
  const ints = ['byte', 'short', 'integer'];
  if (ints.includes(f) && ints.indexOf(t) >= ints.indexOf(f)) return (v) => v;
  if (ints.includes(f) && t === 'long') return (v) => BigInt(v as number);
  if ((ints.includes(f) || f === 'float') && t === 'double') return (v) => v;
  if (f === 'long' && t === 'double') return (v) => Number(v as bigint);
  if (f === 'date' && t === 'timestamp_ntz') return (v) => BigInt(v as number) * MICROS_PER_DAY;
  if (from instanceof DecimalType && to instanceof DecimalType && to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale) {
    return (v) => (v as Decimal).toPrecision(to.precision, to.scale);
  }
  if ((ints.includes(f) || f === 'long') && to instanceof DecimalType) {
    return (v) => Decimal.of(BigInt(v as number | bigint), 0).toPrecision(to.precision, to.scale);
  }
  return undefined;
}

export class ParquetTypeMismatch extends SparkException {}

function typeMismatch(column: string, expected: DataType, node: SchemaTree): ParquetTypeMismatch {
  const actual = node.children.length === 0 ? String(node.element.type) : sparkTypeOfNode(node).simpleString();
  return new ParquetTypeMismatch(`Data type mismatches when reading Parquet column ${column}. Expected Spark type "${expected.toDDL()}", actual Parquet type ${actual}.`, {
    errorClass: 'PARQUET_COLUMN_DATA_TYPE_MISMATCH',
    messageParameters: { column, expectedType: expected.toDDL(), actualType: actual },
  });
}

const fieldKey = (name: string, caseSensitive: boolean) => (caseSensitive ? name : name.toLowerCase());

/**
 * Converter from an assembled hyparquet value of `node` to the Spark value of `want`. Structs
 * arrive as objects keyed by field name, lists as arrays, maps as objects keyed by a token of
 * the raw key (see tokenized keys below).
 */
function converterFor(node: SchemaTree, want: DataType, column: string, caseSensitive: boolean, mapKeys: Map<string, unknown[]>): Convert {
  const own = sparkTypeOfNode(node);
  const nullSafe = (c: Convert): Convert => (v) => (v === null || v === undefined ? null : c(v));
  if (node.children.length === 0) {
    const base = primitiveConverter(node.element, own);
    if (sameTypeName(own, want)) return nullSafe(base);
    const w = widen(own, want);
    if (!w) throw typeMismatch(column, want, node);
    return nullSafe((v) => w(base(v)));
  }
  if (own instanceof ArrayType) {
    if (!(want instanceof ArrayType)) throw typeMismatch(column, want, node);
    const element = converterFor(listElementNode(node), want.elementType, `${column}.element`, caseSensitive, mapKeys);
    return nullSafe((v) => (v as unknown[]).map(element));
  }
  if (own instanceof MapType) {
    if (!(want instanceof MapType)) throw typeMismatch(column, want, node);
    const [keyNode, valueNode] = node.children[0].children;
    const key = converterFor(keyNode, want.keyType, `${column}.key`, caseSensitive, mapKeys);
    const value = converterFor(valueNode, want.valueType, `${column}.value`, caseSensitive, mapKeys);
    const tokens = mapKeys.get(keyNode.path.join('.')) ?? [];
    return nullSafe((v) => {
      const out = new Map<unknown, unknown>();
      for (const [token, item] of Object.entries(v as Record<string, unknown>)) out.set(key(tokens[Number(token.slice(1))]), value(item));
      return out;
    });
  }
  if (!(want instanceof StructType)) throw typeMismatch(column, want, node);
  const byName = new Map(node.children.map((c) => [fieldKey(c.element.name, caseSensitive), c] as const));
  const parts = want.fields.map((f) => {
    const child = byName.get(fieldKey(f.name, caseSensitive));
    if (!child) return undefined;
    const repeatedOutsideList = isRepeated(child);
    const convert = repeatedOutsideList ? undefined : converterFor(child, f.dataType, `${column}.${f.name}`, caseSensitive, mapKeys);
    return { name: child.element.name, convert: convert ?? ((x: unknown) => x) };
  });
  return nullSafe((v) => {
    const obj = v as Record<string, unknown>;
    return parts.map((p) => (p === undefined ? null : p.convert(obj[p.name])));
  });
}

// ---------------------------------------------------------------------------------------------
// Rows

/** Applies `fn` to the values inside hyparquet's nested arrays (one per optional/repeated level). */
function mapLeaves(values: unknown[], fn: (v: unknown) => unknown): unknown[] {
  return values.map((v) => (Array.isArray(v) ? mapLeaves(v, fn) : fn(v)));
}

/**
 * Rows of `file` for `schema` (top-level columns chosen by name; missing columns are null).
 */
export function readParquetRows(file: ParquetFile, schema: StructType, caseSensitive: boolean): unknown[][] {
  const top = new Map(file.tree.children.map((c) => [fieldKey(c.element.name, caseSensitive), c] as const));
  const wanted = schema.fields.map((f) => top.get(fieldKey(f.name, caseSensitive)));
  const needed = new Set(wanted.filter((n): n is SchemaTree => n !== undefined).map((n) => n.element.name));
  const rows: unknown[][] = [];
  for (const group of file.metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const leaves = new Map<string, unknown[]>();
    const mapKeys = new Map<string, unknown[]>();
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw new SparkException('Parquet column metadata is missing.');
      if (!needed.has(meta.path_in_schema[0])) continue;
      const schemaPath = hyparquet().getTreePath(file.tree, meta.path_in_schema);
      const element = schemaPath[schemaPath.length - 1].element;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      const decoder = {
        pathInSchema: meta.path_in_schema,
        type: meta.type,
        // No converted/logical type: hyparquet returns raw physical values (see the header).
        element: { ...element, converted_type: undefined, logical_type: undefined },
        schemaPath,
        codec: meta.codec,
        compressors: COMPRESSORS,
        parsers: hyparquet().DEFAULT_PARSERS,
        // Strings are decoded by hyparquet: a dictionary page is then decoded once, not per row.
        utf8: element.type === 'BYTE_ARRAY' && primitiveType(element).typeName() === 'string',
      } as ColumnDecoder;
      const reader = { view: new DataView(file.buffer, start, end - start), offset: 0 };
      const { data } = hyparquet().readColumn(reader, { groupStart: 0, selectStart: 0, selectEnd: groupRows, groupRows }, decoder);
      let values: unknown[] = [];
      for (const chunkData of data) for (let i = 0; i < chunkData.length; i++) values.push(chunkData[i]);
      if (values.length > groupRows) values = values.slice(0, groupRows);
      // Map keys become tokens so hyparquet's map assembly (objects) keeps them exactly.
      const parent = schemaPath[schemaPath.length - 3];
      if (element.name === 'key' && parent && isAnnotated(parent, 'MAP')) {
        const raw: unknown[] = [];
        values = mapLeaves(values, (v) => {
          if (v === null || v === undefined) return v;
          raw.push(v);
          return `\u0001${raw.length - 1}`;
        });
        mapKeys.set(meta.path_in_schema.join('.'), raw);
      }
      leaves.set(meta.path_in_schema.join('.'), values);
    }
    const columns = wanted.map((node, i) => {
      if (!node) return undefined;
      const f = schema.fields[i];
      let values: unknown[];
      if (node.children.length === 0) {
        values = leaves.get(node.element.name) ?? [];
      } else {
        hyparquet().assembleNested(leaves as Map<string, never>, node, hyparquet().DEFAULT_PARSERS);
        values = leaves.get(node.element.name) ?? [];
      }
      if (isRepeated(node)) {
        if (!(f.dataType instanceof ArrayType)) throw typeMismatch(f.name, f.dataType, node);
        const element = converterFor(node, f.dataType.elementType, f.name, caseSensitive, mapKeys);
        return values.map((v) => (v === null || v === undefined ? [] : (v as unknown[]).map(element)));
      }
      const convert = converterFor(node, f.dataType, f.name, caseSensitive, mapKeys);
      return values.map(convert);
    });
    for (let r = 0; r < groupRows; r++) {
      const row = new Array<unknown>(columns.length);
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c];
        row[c] = col === undefined ? null : (col[r] ?? null);
      }
      rows.push(row);
    }
  }
  return rows;
}
