// Spark's JacksonGenerator, as to_json uses it: an internal value of a struct, array or map type
// -> JSON text. A writer is compiled once per type; null struct fields are left out
// (`ignoreNullFields`, on by default), null array elements and map values are written as null.
// Dates and timestamps use the `dateFormat` / `timestampFormat` / `timestampNTZFormat` patterns
// (Spark's write defaults below); `pretty` lays the text out as Jackson's DefaultPrettyPrinter.
import { ArrayType, DataType, DecimalType, MapType, type CalendarInterval } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { toDecimal } from '../../types/decimal';
import { javaDoubleToString, javaFloatToString, castStringFormatter, dayTimeIntervalString, yearMonthIntervalString } from '../../types/pretty-value';
import { AnsiIntervalType } from '../../types/interval-types';
import { compileFormatter } from './datetime-pattern';

export interface JsonWriteOptions {
  zone: string;
  timestampFormat: string;
  timestampNTZFormat: string;
  dateFormat: string;
  ignoreNullFields: boolean;
  pretty: boolean;
}

export const DEFAULT_TIMESTAMP_WRITE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
export const DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss[.SSS]";
export const DEFAULT_DATE_FORMAT = 'yyyy-MM-dd';

/** A value -> its JSON text; `indent` is the current nesting depth (pretty printing only). */
type Writer = (value: unknown, depth: number) => string;

const HEX = '0123456789ABCDEF';

/** Jackson's string quoting: `"` `\` and control characters escaped (short forms where JSON has them). */
export function quoteJsonString(s: string): string {
  let out = '"';
  let chunk = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(chunk, i);
    chunk = i + 1;
    switch (c) {
      case 34:
        out += '\\"';
        break;
      case 92:
        out += '\\\\';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      case 8:
        out += '\\b';
        break;
      case 12:
        out += '\\f';
        break;
      default:
        out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    }
  }
  return out + s.slice(chunk) + '"';
}

/** Jackson writes NaN and infinities as quoted strings (WRITE_NAN_AS_STRINGS). */
function fractional(text: (x: number) => string): Writer {
  return (v) => (Number.isFinite(v as number) ? text(v as number) : `"${text(v as number)}"`);
}

/** The map key's text: Spark writes the key's `toString` (a struct key prints as `[f1,f2]`). */
function keyText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(keyText).join(',')}]`;
  if (v === null || v === undefined) return 'null';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return String(v);
}

export function compileJsonWriter(dataType: DataType, o: JsonWriteOptions): (value: unknown) => string {
  const w = writer(dataType, o);
  return (v) => w(v, 0);
}

function newline(o: JsonWriteOptions, depth: number): string {
  return o.pretty ? '\n' + '  '.repeat(depth) : '';
}

function writer(dataType: DataType, o: JsonWriteOptions): Writer {
  if (dataType instanceof StructType) {
    const names = dataType.fields.map((f) => quoteJsonString(f.name) + (o.pretty ? ' : ' : ':'));
    const writers = dataType.fields.map((f) => writer(f.dataType, o));
    return (v, depth) => {
      const row = v as unknown[];
      const parts: string[] = [];
      for (let i = 0; i < writers.length; i++) {
        const x = row[i];
        if (x === null || x === undefined) {
          if (!o.ignoreNullFields) parts.push(names[i] + 'null');
        } else {
          parts.push(names[i] + writers[i](x, depth + 1));
        }
      }
      if (parts.length === 0) return o.pretty ? '{ }' : '{}';
      return `{${newline(o, depth + 1)}${parts.join(',' + newline(o, depth + 1))}${newline(o, depth)}}`;
    };
  }
  if (dataType instanceof ArrayType) {
    const element = writer(dataType.elementType, o);
    return (v, depth) => {
      const a = v as unknown[];
      if (a.length === 0) return o.pretty ? '[ ]' : '[]';
      const parts = a.map((x) => (x === null || x === undefined ? 'null' : element(x, depth + 1)));
      return o.pretty ? `[ ${parts.join(', ')} ]` : `[${parts.join(',')}]`;
    };
  }
  if (dataType instanceof MapType) {
    const value = writer(dataType.valueType, o);
    return (v, depth) => {
      const m = v as Map<unknown, unknown>;
      if (m.size === 0) return o.pretty ? '{ }' : '{}';
      const parts: string[] = [];
      for (const [k, x] of m) parts.push(quoteJsonString(keyText(k)) + (o.pretty ? ' : ' : ':') + (x === null || x === undefined ? 'null' : value(x, depth + 1)));
      return `{${newline(o, depth + 1)}${parts.join(',' + newline(o, depth + 1))}${newline(o, depth)}}`;
    };
  }
  if (dataType instanceof DecimalType) return (v) => toDecimal(v).toJavaString();
  if (dataType instanceof AnsiIntervalType) {
    // ANSI intervals are written in their ANSI style: "INTERVAL '1-2' YEAR TO MONTH".
    const { startField, endField } = dataType;
    if (dataType.typeName().startsWith('interval year') || dataType.typeName().startsWith('interval month')) {
      return (v) => quoteJsonString(yearMonthIntervalString(v as number, startField, endField));
    }
    return (v) => quoteJsonString(dayTimeIntervalString(v as bigint, startField, endField));
  }
  switch (dataType.typeName()) {
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return (v) => String(v);
    case 'float':
      return fractional(javaFloatToString);
    case 'double':
      return fractional(javaDoubleToString);
    case 'string':
      return (v) => quoteJsonString(v as string);
    case 'binary':
      return (v) => `"${Buffer.from(v as Uint8Array).toString('base64')}"`;
    case 'date': {
      const format = compileFormatter(o.dateFormat, 'UTC');
      return (v) => quoteJsonString(format(BigInt(v as number) * 86_400_000_000n));
    }
    case 'timestamp': {
      const format = compileFormatter(o.timestampFormat, o.zone);
      return (v) => quoteJsonString(format(v as bigint));
    }
    case 'timestamp_ntz': {
      const format = compileFormatter(o.timestampNTZFormat, 'UTC');
      return (v) => quoteJsonString(format(v as bigint));
    }
    case 'void':
      return () => 'null';
    default: {
      // Intervals and char/varchar: their string form, quoted.
      const text = castStringFormatter(dataType, o.zone, true);
      return (v) => quoteJsonString(typeof v === 'string' ? v : text(v as CalendarInterval));
    }
  }
}
