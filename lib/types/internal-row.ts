// The way in: user values (createDataFrame, MemoryStream.addData, toDF) checked against their
// field's type and turned into engine values, as PySpark's type verifier does before any query
// runs. Each type accepts the values docs/guides/value-types.md lists; anything else fails with PySpark's
// FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME text naming the field.
import {
  ArrayType, BinaryType, BooleanType, ByteType, CharType, DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType,
  LongType, MapType, NullType, ShortType, StringType, TimestampNTZType, TimestampType, VarcharType,
} from './data-types';
import { StructType } from './struct-type';
import { Decimal } from './decimal';
import { Row } from './row';
import { Timestamp } from './timestamp-value';
import { PlainDate } from './plain-date';
import { PlainDateTime } from './plain-date-time';
import { daysToMicros, microsToDays } from './datetime';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';

type Converter = (value: unknown) => unknown;

/** How a JS value reads in an error, in the manner of Python's repr. */
export function jsRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (Array.isArray(v)) return `[${v.map(jsRepr).join(', ')}]`;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  return String(v);
}

/** The JS type a value has, as the errors name it. */
export function jsTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  if (Array.isArray(v)) return 'Array';
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name || 'Object';
}

function unacceptable(field: string, type: DataType, v: unknown): PySparkTypeError {
  return new PySparkTypeError('FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME', `${field}: ${type} can not accept object ${jsRepr(v)} in type ${jsTypeName(v)}.`, {
    field_name: field,
    data_type: String(type),
    obj: jsRepr(v),
    obj_type: jsTypeName(v),
  });
}

function outOfBounds(lower: bigint, upper: bigint, v: bigint | number): PySparkValueError {
  return new PySparkValueError('VALUE_OUT_OF_BOUNDS', `Value for \`obj\` must be between ${lower} and ${upper} (inclusive), got ${v}`, {
    arg_name: 'obj',
    lower_bound: String(lower),
    upper_bound: String(upper),
    actual: String(v),
  });
}

function integral(lower: bigint, upper: bigint, asBigInt: boolean, field: string, type: DataType): Converter {
  // Numbers inside the bounds skip BigInt (three BigInt operations per value otherwise); LONG
  // bounds are not exact doubles, so only safe integers take the shortcut there.
  const lowerN = asBigInt ? -Number.MAX_SAFE_INTEGER : Number(lower);
  const upperN = asBigInt ? Number.MAX_SAFE_INTEGER : Number(upper);
  return (v) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= lowerN && v <= upperN) return asBigInt ? BigInt(v) : v === 0 ? 0 : v; // -0 as 0, as BigInt gives
    let b: bigint;
    if (typeof v === 'bigint') b = v;
    else if (typeof v === 'number' && Number.isInteger(v)) b = BigInt(v);
    else throw unacceptable(field, type, v);
    if (b < lower || b > upper) throw outOfBounds(lower, upper, typeof v === 'number' ? v : b);
    return asBigInt ? b : Number(b);
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * A converter for values of `type` in the field `field` ("field ts", "element in array field
 * tags"...). `timeZone` places a Date on a calendar day for DATE and a PlainDateTime on the
 * time line for TIMESTAMP (the session time zone, as Spark's casts).
 */
export function internalConverter(type: DataType, field: string, nullable: boolean, timeZone: string): Converter {
  const convert = nonNullConverter(type, field, timeZone);
  return (v) => {
    if (v === null || v === undefined) {
      if (!nullable) throw new PySparkValueError('FIELD_NOT_NULLABLE_WITH_NAME', `${field}: This field is not nullable, but got None.`, { field_name: field });
      return null;
    }
    return convert(v);
  };
}

function nonNullConverter(type: DataType, field: string, timeZone: string): Converter {
  if (type instanceof StringType || type instanceof CharType || type instanceof VarcharType) {
    return (v) => {
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      throw unacceptable(field, type, v);
    };
  }
  if (type instanceof BooleanType) return (v) => { if (typeof v !== 'boolean') throw unacceptable(field, type, v); return v; };
  if (type instanceof ByteType) return integral(-128n, 127n, false, field, type);
  if (type instanceof ShortType) return integral(-32768n, 32767n, false, field, type);
  if (type instanceof IntegerType) return integral(-2147483648n, 2147483647n, false, field, type);
  if (type instanceof LongType) return integral(-9223372036854775808n, 9223372036854775807n, true, field, type);
  if (type instanceof FloatType || type instanceof DoubleType) {
    return (v) => {
      if (typeof v !== 'number') throw unacceptable(field, type, v);
      return type instanceof FloatType ? Math.fround(v) : v;
    };
  }
  if (type instanceof DecimalType) {
    return (v) => {
      if (!(v instanceof Decimal)) throw unacceptable(field, type, v);
      const fitted = v.toPrecision(type.precision, type.scale);
      if (fitted === null) {
        throw new PySparkValueError('VALUE_OUT_OF_BOUNDS', `${field}: ${v.toPlainString()} does not fit ${type.simpleString()}.`, { field_name: field, actual: v.toPlainString() });
      }
      return fitted;
    };
  }
  if (type instanceof TimestampType) {
    return (v) => {
      if (v instanceof Timestamp && !Number.isNaN(v.getTime())) return v.epochMicros;
      if (v instanceof Date) {
        const ms = v.getTime();
        // One BigInt instead of two while the micros are an exact double (years 1685 to 2255).
        if (Number.isSafeInteger(ms * 1000)) return BigInt(ms * 1000);
        if (!Number.isNaN(ms)) return BigInt(ms) * 1000n;
      }
      if (v instanceof PlainDateTime) return wallToInstant(v, timeZone);
      throw unacceptable(field, type, v);
    };
  }
  if (type instanceof TimestampNTZType) {
    return (v) => {
      if (v instanceof PlainDateTime) return v.epochMicros;
      throw unacceptable(field, type, v);
    };
  }
  if (type instanceof DateType) {
    return (v) => {
      if (v instanceof PlainDate) return v.epochDay;
      if (v instanceof PlainDateTime) return new PlainDate(v.year, v.month, v.day).epochDay;
      if (v instanceof Date && !Number.isNaN(v.getTime())) return microsToDays(v instanceof Timestamp ? v.epochMicros : BigInt(v.getTime()) * 1000n, timeZone);
      throw unacceptable(field, type, v);
    };
  }
  if (type instanceof BinaryType) {
    return (v) => {
      if (!(v instanceof Uint8Array)) throw unacceptable(field, type, v);
      return new Uint8Array(v);
    };
  }
  if (type instanceof NullType) return (v) => { throw unacceptable(field, type, v); };
  if (type instanceof ArrayType) {
    const element = internalConverter(type.elementType, `element in array ${field}`, type.containsNull, timeZone);
    return (v) => {
      if (!Array.isArray(v)) throw unacceptable(field, type, v);
      return v.map(element);
    };
  }
  if (type instanceof MapType) {
    const key = internalConverter(type.keyType, `key of map ${field}`, false, timeZone);
    const value = internalConverter(type.valueType, `value of map ${field}`, type.valueContainsNull, timeZone);
    return (v) => {
      const entries = v instanceof Map ? [...v] : isPlainObject(v) ? Object.entries(v) : undefined;
      if (entries === undefined) throw unacceptable(field, type, v);
      const out = new Map<unknown, unknown>();
      for (const [k, x] of entries) out.set(key(k), value(x));
      return out;
    };
  }
  if (type instanceof StructType) {
    const converters = type.fields.map((f) => internalConverter(f.dataType, `field ${f.name} in ${field}`, f.nullable, timeZone));
    const names = type.fieldNames();
    return (v) => structValues(v, names, converters, field, type);
  }
  // Intervals and other engine-only types keep the engine's own value.
  return (v) => v;
}

function wallToInstant(v: PlainDateTime, timeZone: string): bigint {
  const dayMicros = daysToMicros(new PlainDate(v.year, v.month, v.day).epochDay, timeZone);
  // daysToMicros gives local midnight; the time of day follows (DST gaps as Spark's local-time rules approximate).
  return dayMicros + BigInt(((v.hour * 60 + v.minute) * 60 + v.second) * 1_000_000 + v.microsecond);
}

/** Positional values of a struct from a Row, an array or an object keyed by field name. */
function structValues(v: unknown, names: readonly string[], converters: Converter[], field: string, type: DataType): unknown[] {
  let values: unknown[];
  if (v instanceof Row) {
    const rowNames = (v as unknown as { __fields__?: string[] }).__fields__;
    const rowValues = [...(v as Iterable<unknown>)];
    values = rowNames === undefined ? rowValues : names.map((n) => { const i = rowNames.indexOf(n); return i < 0 ? null : rowValues[i]; });
  } else if (Array.isArray(v)) {
    values = v;
  } else if (isPlainObject(v)) {
    values = names.map((n) => (Object.prototype.hasOwnProperty.call(v, n) ? v[n] : null));
  } else {
    throw unacceptable(field, type, v);
  }
  if (values.length !== converters.length) {
    throw new PySparkValueError('FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME', `${field}: Length of object (${values.length}) does not match with length of fields (${converters.length}).`, {
      field_name: field,
      object_length: String(values.length),
      field_length: String(converters.length),
    });
  }
  const out: unknown[] = new Array(converters.length);
  for (let i = 0; i < converters.length; i++) out[i] = converters[i](values[i]);
  return out;
}

/**
 * Rows of user values for a table schema: each row a Row, an array (by position) or an object
 * (by field name), checked and converted field by field.
 */
export function toInternalRows(schema: StructType, data: readonly unknown[], timeZone: string): unknown[][] {
  const converters = schema.fields.map((f) => internalConverter(f.dataType, `field ${f.name}`, f.nullable, timeZone));
  const names = schema.fieldNames();
  const out = new Array<unknown[]>(data.length);
  const width = converters.length;
  for (let r = 0; r < data.length; r++) {
    const d = data[r];
    // Arrays by position first: what addData and createDataFrame get most.
    if (Array.isArray(d) && d.length === width) {
      const values: unknown[] = new Array(width);
      for (let i = 0; i < width; i++) values[i] = converters[i](d[i]);
      out[r] = values;
      continue;
    }
    if (!(d instanceof Row) && !Array.isArray(d) && !isPlainObject(d)) {
      if (converters.length === 1) { out[r] = [converters[0](d)]; continue; }
      throw new PySparkTypeError('CANNOT_ACCEPT_OBJECT_IN_TYPE', `StructType can not accept object ${jsRepr(d)} in type ${jsTypeName(d)}.`, { data_type: 'StructType', obj_name: jsRepr(d), obj_type: jsTypeName(d) });
    }
    if (Array.isArray(d) && d.length !== converters.length) {
      throw new PySparkValueError('FIELD_STRUCT_LENGTH_MISMATCH', `Length of object (${d.length}) does not match with length of fields (${converters.length}).`, {
        object_length: String(d.length),
        field_length: String(converters.length),
      });
    }
    out[r] = structValues(d, names, converters, 'row', schema);
  }
  return out;
}
