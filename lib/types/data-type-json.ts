// Spark's JSON form of data types, read back: `"integer"`, `"decimal(10,2)"`,
// `{"type":"array","elementType":"string","containsNull":true}`, `{"type":"struct","fields":[...]}`.
// Writing is each type's `jsonValue()`; this file is `DataType.fromJson` (Scala) /
// `_parse_datatype_json_value` (PySpark).
import { SparkException } from '../errors/spark-exception';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  CharType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
  VarcharType,
  setDataTypeJsonReader,
} from './data-types';
import { DayTimeIntervalType, YearMonthIntervalType, intervalFieldIndex } from './interval-types';
import { StructField, StructType } from './struct-type';

const ATOMIC: Record<string, () => DataType> = {
  null: () => new NullType(),
  void: () => new NullType(),
  string: () => new StringType(),
  binary: () => new BinaryType(),
  boolean: () => new BooleanType(),
  byte: () => new ByteType(),
  short: () => new ShortType(),
  integer: () => new IntegerType(),
  long: () => new LongType(),
  float: () => new FloatType(),
  double: () => new DoubleType(),
  date: () => new DateType(),
  timestamp: () => new TimestampType(),
  timestamp_ltz: () => new TimestampType(),
  timestamp_ntz: () => new TimestampNTZType(),
  interval: () => new CalendarIntervalType(),
  decimal: () => new DecimalType(10, 0),
};

const DECIMAL_RE = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/;
const CHAR_RE = /^char\(\s*(\d+)\s*\)$/;
const VARCHAR_RE = /^varchar\(\s*(\d+)\s*\)$/;
const INTERVAL_RE = /^interval (\w+)(?: to (\w+))?$/;

function invalidJsonType(json: unknown): SparkException {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return new SparkException(`Failed to convert the JSON string '${text}' to a data type. Please enter a valid data type.`, {
    errorClass: 'INVALID_JSON_DATA_TYPE',
    sqlState: '2203G',
    messageParameters: { invalidType: text },
  });
}

// Spark 4.2 reports a malformed field with the same condition as a malformed type (checked in PySpark).
function invalidJsonField(json: unknown): SparkException {
  return invalidJsonType(json);
}

/** JSON text of a data type; malformed JSON is Spark's INVALID_JSON_DATA_TYPE, not a raw SyntaxError. */
export function parseDataTypeJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJsonType(text);
  }
}

function typeFromName(name: string): DataType {
  const atomic = ATOMIC[name];
  if (atomic) return atomic();
  let m = DECIMAL_RE.exec(name);
  if (m) return new DecimalType(Number(m[1]), Number(m[2]));
  m = CHAR_RE.exec(name);
  if (m) return new CharType(Number(m[1]));
  m = VARCHAR_RE.exec(name);
  if (m) return new VarcharType(Number(m[1]));
  m = INTERVAL_RE.exec(name);
  if (m) {
    const start = intervalFieldIndex(m[1]);
    const end = m[2] === undefined ? start : intervalFieldIndex(m[2]);
    if (start && end && start.yearMonth === end.yearMonth && start.index <= end.index) {
      return start.yearMonth ? new YearMonthIntervalType(start.index, end.index) : new DayTimeIntervalType(start.index, end.index);
    }
  }
  throw invalidJsonType(name);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A StructField from `{"name":..,"type":..,"nullable":..,"metadata":{..}}` (metadata optional). */
export function structFieldFromJson(json: unknown): StructField {
  if (!isObject(json) || typeof json.name !== 'string' || !('type' in json) || typeof json.nullable !== 'boolean') {
    throw invalidJsonField(json);
  }
  const metadata = json.metadata === undefined ? {} : json.metadata;
  if (!isObject(metadata)) throw invalidJsonField(json);
  return new StructField(json.name, dataTypeFromJson(json.type), json.nullable, { ...metadata });
}

/** Any data type from its parsed JSON value. */
export function dataTypeFromJson(json: unknown): DataType {
  if (typeof json === 'string') return typeFromName(json);
  if (!isObject(json)) throw invalidJsonType(json);
  switch (json.type) {
    case 'array':
      if (!('elementType' in json) || typeof json.containsNull !== 'boolean') break;
      return new ArrayType(dataTypeFromJson(json.elementType), json.containsNull);
    case 'map':
      if (!('keyType' in json) || !('valueType' in json) || typeof json.valueContainsNull !== 'boolean') break;
      return new MapType(dataTypeFromJson(json.keyType), dataTypeFromJson(json.valueType), json.valueContainsNull);
    case 'struct':
      if (!Array.isArray(json.fields)) break;
      return new StructType(json.fields.map(structFieldFromJson));
    default:
      break;
  }
  throw invalidJsonType(json);
}

/** A data type from JSON text (`df.schema.json()` output). */
export function parseDataTypeJson(text: string): DataType {
  return dataTypeFromJson(parseDataTypeJsonText(text));
}

setDataTypeJsonReader(dataTypeFromJson, parseDataTypeJson);
