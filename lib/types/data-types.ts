// pyspark.sql.types: the DataType hierarchy. Every type works with and without `new`
// (`StringType()` as in PySpark). Values in rows use one JS representation per type:
//   string -> string, boolean -> boolean, byte/short/int/float/double -> number,
//   long -> bigint (exact 64-bit), decimal -> Decimal (lib/types/decimal.ts),
//   date -> number (days since epoch), timestamp/timestamp_ntz -> bigint (microseconds since epoch),
//   interval year to month -> number (months), interval day to second -> bigint (microseconds),
//   binary -> Uint8Array, array -> unknown[], map -> Map, struct -> unknown[] (positional).
import { callableClass } from '../util/callable-class';

export abstract class DataType {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Spark's `typeName()`: "string", "integer", "struct"... */
  abstract typeName(): string;

  /** Spark's `simpleString` / `catalogString` form: "int", "bigint", "array<string>". */
  simpleString(): string {
    return this.typeName();
  }

  /** The form used in `printSchema()` and DDL: same as simpleString for most types. */
  toDDL(): string {
    return this.simpleString().toUpperCase();
  }

  /** Spark's JSON form (`jsonValue`). */
  jsonValue(): unknown {
    return this.typeName();
  }

  json(): string {
    return JSON.stringify(this.jsonValue());
  }

  equals(other: DataType): boolean {
    return this.json() === other.json();
  }

  /** Spark's `DataType.fromJson` / PySpark's `_parse_datatype_json_value`: a parsed JSON value. */
  static fromJson(json: unknown): DataType {
    return jsonReader(json);
  }

  /** PySpark's `_parse_datatype_json_string` / Scala's `DataType.fromJson(string)`. */
  static parseJson(text: string): DataType {
    return jsonTextReader(text);
  }

  /** `DataType.fromDDL("array<int>")` or a table schema `"a INT, b STRING"` (a StructType). */
  static fromDDL(ddl: string): DataType {
    return ddlReader(ddl);
  }

  toString(): string {
    return `${this.constructor.name}()`;
  }
}

// data-type-json.ts installs the reader (it needs StructType, which sits above this file).
let jsonReader: (json: unknown) => DataType = () => {
  throw new Error('lib/types/data-type-json.ts was not loaded');
};

let jsonTextReader: (text: string) => DataType = () => {
  throw new Error('lib/types/data-type-json.ts was not loaded');
};

let ddlReader: (ddl: string) => DataType = () => {
  throw new Error('lib/types/ddl.ts was not loaded');
};

/** Internal: lets data-type-json.ts provide `DataType.fromJson` without an import cycle. */
export function setDataTypeJsonReader(reader: (json: unknown) => DataType, textReader: (text: string) => DataType): void {
  jsonReader = reader;
  jsonTextReader = textReader;
}

/** Internal: lets ddl.ts provide `DataType.fromDDL` without an import cycle. */
export function setDataTypeDdlReader(reader: (ddl: string) => DataType): void {
  ddlReader = reader;
}

export abstract class AtomicType extends DataType {}
export abstract class NumericType extends AtomicType {}
export abstract class IntegralType extends NumericType {}
export abstract class FractionalType extends NumericType {}

class NullTypeImpl extends DataType {
  typeName(): string { return 'void'; }
  override toString(): string { return 'NullType()'; }
}
class StringTypeImpl extends AtomicType {
  typeName(): string { return 'string'; }
  override toString(): string { return 'StringType()'; }
}
class BinaryTypeImpl extends AtomicType {
  typeName(): string { return 'binary'; }
  override toString(): string { return 'BinaryType()'; }
}
class BooleanTypeImpl extends AtomicType {
  typeName(): string { return 'boolean'; }
  override toString(): string { return 'BooleanType()'; }
}
class ByteTypeImpl extends IntegralType {
  typeName(): string { return 'byte'; }
  override simpleString(): string { return 'tinyint'; }
  override toString(): string { return 'ByteType()'; }
}
class ShortTypeImpl extends IntegralType {
  typeName(): string { return 'short'; }
  override simpleString(): string { return 'smallint'; }
  override toString(): string { return 'ShortType()'; }
}
class IntegerTypeImpl extends IntegralType {
  typeName(): string { return 'integer'; }
  override simpleString(): string { return 'int'; }
  override toString(): string { return 'IntegerType()'; }
}
class LongTypeImpl extends IntegralType {
  typeName(): string { return 'long'; }
  override simpleString(): string { return 'bigint'; }
  override toString(): string { return 'LongType()'; }
}
class FloatTypeImpl extends FractionalType {
  typeName(): string { return 'float'; }
  override toString(): string { return 'FloatType()'; }
}
class DoubleTypeImpl extends FractionalType {
  typeName(): string { return 'double'; }
  override toString(): string { return 'DoubleType()'; }
}
class DateTypeImpl extends AtomicType {
  typeName(): string { return 'date'; }
  override toString(): string { return 'DateType()'; }
}
class TimestampTypeImpl extends AtomicType {
  typeName(): string { return 'timestamp'; }
  override toString(): string { return 'TimestampType()'; }
}
class TimestampNTZTypeImpl extends AtomicType {
  typeName(): string { return 'timestamp_ntz'; }
  override toString(): string { return 'TimestampNTZType()'; }
}

class DecimalTypeImpl extends FractionalType {
  /** Spark's `DecimalType.MAX_PRECISION` / `MAX_SCALE`. */
  static readonly MAX_PRECISION = 38;
  static readonly MAX_SCALE = 38;
  /** The scale kept at least when a result type must drop digits (allowPrecisionLoss). */
  static readonly MINIMUM_ADJUSTED_SCALE = 6;

  constructor(readonly precision: number = 10, readonly scale: number = 0) {
    super();
  }
  typeName(): string { return `decimal(${this.precision},${this.scale})`; }
  override toString(): string { return `DecimalType(${this.precision},${this.scale})`; }
}

/** Spark's CharType(n): a fixed-length string in table schemas; values are strings. */
class CharTypeImpl extends AtomicType {
  constructor(readonly length: number) {
    super();
  }
  typeName(): string { return `char(${this.length})`; }
  override toString(): string { return `CharType(${this.length})`; }
}

/** Spark's VarcharType(n): a length-limited string in table schemas; values are strings. */
class VarcharTypeImpl extends AtomicType {
  constructor(readonly length: number) {
    super();
  }
  typeName(): string { return `varchar(${this.length})`; }
  override toString(): string { return `VarcharType(${this.length})`; }
}

/** Python's rendering of a boolean, as PySpark's type reprs show it. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

class ArrayTypeImpl extends DataType {
  constructor(readonly elementType: DataType, readonly containsNull: boolean = true) {
    super();
  }
  typeName(): string { return 'array'; }
  override simpleString(): string { return `array<${this.elementType.simpleString()}>`; }
  override toDDL(): string { return `ARRAY<${this.elementType.toDDL()}>`; }
  override jsonValue(): unknown {
    return { type: 'array', elementType: this.elementType.jsonValue(), containsNull: this.containsNull };
  }
  override toString(): string { return `ArrayType(${this.elementType}, ${pyBool(this.containsNull)})`; }
}

class MapTypeImpl extends DataType {
  constructor(readonly keyType: DataType, readonly valueType: DataType, readonly valueContainsNull: boolean = true) {
    super();
  }
  typeName(): string { return 'map'; }
  override simpleString(): string { return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`; }
  override toDDL(): string { return `MAP<${this.keyType.toDDL()}, ${this.valueType.toDDL()}>`; }
  override jsonValue(): unknown {
    return {
      type: 'map',
      keyType: this.keyType.jsonValue(),
      valueType: this.valueType.jsonValue(),
      valueContainsNull: this.valueContainsNull,
    };
  }
  override toString(): string { return `MapType(${this.keyType}, ${this.valueType}, ${pyBool(this.valueContainsNull)})`; }
}

export const NullType = callableClass(NullTypeImpl);
export type NullType = NullTypeImpl;
export const StringType = callableClass(StringTypeImpl);
export type StringType = StringTypeImpl;
export const BinaryType = callableClass(BinaryTypeImpl);
export type BinaryType = BinaryTypeImpl;
export const BooleanType = callableClass(BooleanTypeImpl);
export type BooleanType = BooleanTypeImpl;
export const ByteType = callableClass(ByteTypeImpl);
export type ByteType = ByteTypeImpl;
export const ShortType = callableClass(ShortTypeImpl);
export type ShortType = ShortTypeImpl;
export const IntegerType = callableClass(IntegerTypeImpl);
export type IntegerType = IntegerTypeImpl;
export const LongType = callableClass(LongTypeImpl);
export type LongType = LongTypeImpl;
export const FloatType = callableClass(FloatTypeImpl);
export type FloatType = FloatTypeImpl;
export const DoubleType = callableClass(DoubleTypeImpl);
export type DoubleType = DoubleTypeImpl;
export const DateType = callableClass(DateTypeImpl);
export type DateType = DateTypeImpl;
export const TimestampType = callableClass(TimestampTypeImpl);
export type TimestampType = TimestampTypeImpl;
export const TimestampNTZType = callableClass(TimestampNTZTypeImpl);
export type TimestampNTZType = TimestampNTZTypeImpl;
export const DecimalType = callableClass(DecimalTypeImpl);
export type DecimalType = DecimalTypeImpl;
export const CharType = callableClass(CharTypeImpl);
export type CharType = CharTypeImpl;
export const VarcharType = callableClass(VarcharTypeImpl);
export type VarcharType = VarcharTypeImpl;
export const ArrayType = callableClass(ArrayTypeImpl);
export type ArrayType = ArrayTypeImpl;
export const MapType = callableClass(MapTypeImpl);
export type MapType = MapTypeImpl;

/** Shared instances for the engine; user code may construct its own, they compare equal. */
export const DataTypes = {
  NullType: new NullTypeImpl(),
  StringType: new StringTypeImpl(),
  BinaryType: new BinaryTypeImpl(),
  BooleanType: new BooleanTypeImpl(),
  ByteType: new ByteTypeImpl(),
  ShortType: new ShortTypeImpl(),
  IntegerType: new IntegerTypeImpl(),
  LongType: new LongTypeImpl(),
  FloatType: new FloatTypeImpl(),
  DoubleType: new DoubleTypeImpl(),
  DateType: new DateTypeImpl(),
  TimestampType: new TimestampTypeImpl(),
  TimestampNTZType: new TimestampNTZTypeImpl(),
} as const;

/** Spark's CalendarIntervalType: values are `{ months, days, microseconds }`. */
class CalendarIntervalTypeImpl extends DataType {
  typeName(): string { return 'interval'; }
  override toString(): string { return 'CalendarIntervalType()'; }
}
export const CalendarIntervalType = callableClass(CalendarIntervalTypeImpl);
export type CalendarIntervalType = CalendarIntervalTypeImpl;

export interface CalendarInterval {
  months: number;
  days: number;
  microseconds: bigint;
}
