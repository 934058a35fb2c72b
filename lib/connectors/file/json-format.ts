// The JSON format (Spark's JsonFileFormat with JSONOptions, JsonInferSchema and JacksonParser):
// JSON Lines by default (one value per line), or one value per file with `multiLine`. A root
// array of objects yields one row per element. Inference sorts fields by name, reads integers
// as bigint and other numbers as double, merges conflicting types into string and adds the
// corrupt-record column when a record does not parse (PERMISSIVE).
import { SparkException } from '../../errors/spark-exception';
import { ArrayType, DataType, DataTypes, DecimalType, MapType } from '../../types/data-types';
import { Decimal } from '../../types/decimal';
import { StructField, StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { corruptColumnOf, zoneOf, type FileFormat, type FileFormatOptions, type InputFile } from './file-format';
import {
  lenientDateParser,
  lenientTimestampNTZParser,
  lenientTimestampParser,
  patternDateParser,
  patternTimestampNTZParser,
  patternTimestampParser,
  type DateParser,
  type TimestampParser,
} from './datetime-parsing';
import { JsonSyntaxError, parseFirstJsonValue, type JsonParseOptions, type JsonValue } from './json-parser';
import {
  BadRecordError,
  FailureSafeParser,
  boolOption,
  checkUtf8Encoding,
  decodeUtf8,
  lineSepOption,
  parseModeOption,
  splitLines,
  verifyCorruptRecordColumn,
  type ParseMode,
} from './record-parsing';
import { unsupportedDataTypeError } from './text-format';

export interface JsonOptions {
  parse: JsonParseOptions;
  primitivesAsString: boolean;
  prefersDecimal: boolean;
  dropFieldIfAllNull: boolean;
  inferTimestamp: boolean;
  multiLine: boolean;
  mode: ParseMode;
  columnNameOfCorruptRecord: string;
  lineSep: string | undefined;
  zone: string;
  timestampFormat: string | undefined;
  timestampNTZFormat: string | undefined;
  dateFormat: string | undefined;
  enableDateTimeParsingFallback: boolean | undefined;
}

export function jsonOptions(fileOptions: FileFormatOptions): JsonOptions {
  const o: CaseInsensitiveMap = fileOptions.options;
  checkUtf8Encoding(o, 'JSON');
  const fallback = o.get('enableDateTimeParsingFallback');
  return {
    parse: {
      allowComments: boolOption(o, 'allowComments', false),
      allowUnquotedFieldNames: boolOption(o, 'allowUnquotedFieldNames', false),
      allowSingleQuotes: boolOption(o, 'allowSingleQuotes', true),
      allowNumericLeadingZeros: boolOption(o, 'allowNumericLeadingZeros', false),
      allowNonNumericNumbers: boolOption(o, 'allowNonNumericNumbers', true),
      allowBackslashEscapingAnyCharacter: boolOption(o, 'allowBackslashEscapingAnyCharacter', false),
      allowUnquotedControlChars: boolOption(o, 'allowUnquotedControlChars', false),
    },
    primitivesAsString: boolOption(o, 'primitivesAsString', false),
    prefersDecimal: boolOption(o, 'prefersDecimal', false),
    dropFieldIfAllNull: boolOption(o, 'dropFieldIfAllNull', false),
    inferTimestamp: boolOption(o, 'inferTimestamp', false),
    multiLine: boolOption(o, 'multiLine', false),
    mode: parseModeOption(o),
    columnNameOfCorruptRecord: corruptColumnOf(fileOptions),
    lineSep: lineSepOption(o),
    zone: zoneOf(fileOptions),
    timestampFormat: o.get('timestampFormat'),
    timestampNTZFormat: o.get('timestampNTZFormat'),
    dateFormat: o.get('dateFormat'),
    enableDateTimeParsingFallback: fallback === undefined ? undefined : fallback.toLowerCase() === 'true',
  };
}

/** The records of a file: its lines, or the whole text with `multiLine`. */
function records(content: Uint8Array, o: JsonOptions): string[] {
  const text = decodeUtf8(content);
  return o.multiLine ? [text] : splitLines(text, o.lineSep);
}

// ---------------------------------------------------------------------------------------------
// Schema inference (JsonInferSchema)
//
// Inference runs once per record, so it works on plain tagged objects (`IType`) and builds the
// DataType only at the end; merging returns an input unchanged whenever it already covers the
// other, so records of one shape allocate nothing while merging.

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

type IType =
  | { k: 'null' | 'string' | 'boolean' | 'long' | 'double' | 'timestamp' }
  | { k: 'decimal'; precision: number; scale: number }
  | { k: 'array'; element: IType; containsNull: boolean }
  | { k: 'struct'; fields: IField[] };

interface IField {
  name: string;
  type: IType;
}

type IStruct = Extract<IType, { k: 'struct' }>;

const T = {
  null: { k: 'null' } as IType,
  string: { k: 'string' } as IType,
  boolean: { k: 'boolean' } as IType,
  long: { k: 'long' } as IType,
  double: { k: 'double' } as IType,
  timestamp: { k: 'timestamp' } as IType,
};

const EMPTY_STRUCT: IStruct = { k: 'struct', fields: [] };

function decimalI(precision: number, scale: number): IType {
  return { k: 'decimal', precision, scale };
}

function byName(a: IField, b: IField): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** BigDecimal's precision and scale of a JSON number's text. */
function decimalShape(text: string): { precision: number; scale: number } | undefined {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+(?=\d)/, '');
  return { precision: digits.length, scale: (m[2] ?? '').length - (m[3] === undefined ? 0 : Number(m[3])) };
}

class JsonTypeInference {
  private readonly ntz: TimestampParser;
  private readonly ts: TimestampParser;

  constructor(private readonly o: JsonOptions) {
    this.ntz = o.timestampNTZFormat !== undefined ? patternTimestampNTZParser(o.timestampNTZFormat) : lenientTimestampNTZParser();
    this.ts = o.timestampFormat !== undefined ? patternTimestampParser(o.timestampFormat, o.zone) : lenientTimestampParser(o.zone);
  }

  inferField(v: JsonValue): IType {
    switch (v.t) {
      case 'null':
        return T.null;
      case 'str': {
        // Empty strings count as nulls until all records are merged.
        if (v.v.length === 0) return T.null;
        if (this.o.prefersDecimal) {
          const shape = decimalShape(v.v.replace(/,/g, ''));
          if (shape && shape.scale >= 0 && shape.scale <= shape.precision && shape.precision <= 38) return decimalI(shape.precision, shape.scale);
        }
        if (this.o.inferTimestamp && (this.ntz(v.v) !== undefined || this.ts(v.v) !== undefined)) return T.timestamp;
        return T.string;
      }
      case 'obj': {
        const fields: IField[] = v.fields.map(([name, value]) => ({ name, type: this.inferField(value) }));
        fields.sort(byName);
        return { k: 'struct', fields: mergeDuplicateNames(fields) };
      }
      case 'arr': {
        let element: IType = T.null;
        for (const item of v.items) element = compatibleType(element, this.inferField(item));
        return { k: 'array', element, containsNull: true };
      }
      case 'bool':
        return this.o.primitivesAsString ? T.string : T.boolean;
      case 'num':
        return this.o.primitivesAsString ? T.string : this.numberType(v.text, v.int);
    }
  }

  private numberType(text: string, isInt: boolean): IType {
    if (isInt) {
      // Integers are bigint; Java's BigInteger range is a decimal up to 38 digits, else double.
      if (text.length < 18) return T.long;
      const n = BigInt(text);
      if (n >= LONG_MIN && n <= LONG_MAX) return T.long;
      const digits = text.replace(/^[+-]/, '').length;
      return digits <= 38 ? decimalI(digits, 0) : T.double;
    }
    if (this.o.prefersDecimal) {
      const shape = decimalShape(text);
      if (shape && shape.scale >= 0 && Math.max(shape.precision, shape.scale) <= 38) return decimalI(Math.max(shape.precision, shape.scale), shape.scale);
    }
    return T.double;
  }
}

/** Same-named fields of one object (a repeated key) merge into one. */
function mergeDuplicateNames(sorted: IField[]): IField[] {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].name !== sorted[i - 1].name) continue;
    const out: IField[] = [];
    for (const f of sorted) {
      const last = out[out.length - 1];
      if (last && last.name === f.name) out[out.length - 1] = { name: f.name, type: compatibleType(last.type, f.type) };
      else out.push(f);
    }
    return out;
  }
  return sorted;
}

const NUMERIC_RANK: Record<string, number> = { long: 3, double: 5 };

function decimalCovers(d: { precision: number; scale: number }, other: { precision: number; scale: number }): boolean {
  return d.precision - d.scale >= other.precision - other.scale && d.scale >= other.scale;
}

function widerDecimalI(a: { precision: number; scale: number }, b: { precision: number; scale: number }): IType {
  const scale = Math.max(a.scale, b.scale);
  const range = Math.max(a.precision - a.scale, b.precision - b.scale);
  return range + scale > 38 ? T.double : decimalI(range + scale, scale);
}

/**
 * JsonInferSchema.compatibleType: TypeCoercion.findTightestCommonType, then decimals, structs
 * (merged by name) and arrays; anything else is string.
 */
function compatibleType(t1: IType, t2: IType): IType {
  if (t1 === t2) return t1;
  if (t1.k === 'null') return t2;
  if (t2.k === 'null') return t1;
  switch (t1.k) {
    case 'struct':
      return t2.k === 'struct' ? mergeStructs(t1, t2) : T.string;
    case 'array':
      if (t2.k !== 'array') return T.string;
      {
        const element = compatibleType(t1.element, t2.element);
        const containsNull = t1.containsNull || t2.containsNull;
        if (element === t1.element && containsNull === t1.containsNull) return t1;
        return { k: 'array', element, containsNull };
      }
    case 'decimal':
      if (t2.k === 'decimal') {
        if (t1.precision === t2.precision && t1.scale === t2.scale) return t1;
        return widerDecimalI(t1, t2);
      }
      if (t2.k === 'double') return T.double;
      if (t2.k === 'long') return decimalCovers(t1, LONG_DECIMAL) ? t1 : widerDecimalI(LONG_DECIMAL, t1);
      return T.string;
    default:
      break;
  }
  if (t1.k === t2.k) return t1;
  if (t2.k === 'decimal') return compatibleType(t2, t1);
  const r1 = NUMERIC_RANK[t1.k];
  const r2 = NUMERIC_RANK[t2.k];
  if (r1 !== undefined && r2 !== undefined) return r1 >= r2 ? t1 : t2;
  return T.string;
}

const LONG_DECIMAL = { precision: 20, scale: 0 };

/** Merges two structs whose fields are sorted by name (inference keeps them sorted). */
function mergeStructs(a: IStruct, b: IStruct): IType {
  const fa = a.fields;
  const fb = b.fields;
  // The common case: b's fields are a's (or fewer) with types a already covers.
  let covered = fb.length <= fa.length;
  for (let i = 0, j = 0; covered && j < fb.length; j++) {
    while (i < fa.length && fa[i].name < fb[j].name) i++;
    covered = i < fa.length && fa[i].name === fb[j].name && compatibleType(fa[i].type, fb[j].type) === fa[i].type;
  }
  if (covered) return a;
  const out: IField[] = [];
  let i = 0;
  let j = 0;
  while (i < fa.length && j < fb.length) {
    if (fa[i].name === fb[j].name) {
      out.push({ name: fa[i].name, type: compatibleType(fa[i].type, fb[j].type) });
      i++;
      j++;
    } else if (fa[i].name < fb[j].name) {
      out.push(fa[i++]);
    } else {
      out.push(fb[j++]);
    }
  }
  while (i < fa.length) out.push(fa[i++]);
  while (j < fb.length) out.push(fb[j++]);
  return { k: 'struct', fields: out };
}

function inferenceFailFast(cause?: unknown): SparkException {
  return new SparkException('Malformed records are detected in schema inference. Parse Mode: FAILFAST.', { messageParameters: { failFastMode: 'FAILFAST' }, cause });
}

function simpleStringI(t: IType): string {
  return toDataType(t, false)?.simpleString() ?? 'void';
}

/** JsonInferSchema.withCorruptField: a non-object root value adds the corrupt-record column. */
function withCorruptField(struct: IStruct, other: IType, o: JsonOptions): IStruct {
  switch (o.mode) {
    case 'PERMISSIVE': {
      if (struct.fields.some((f) => f.name === o.columnNameOfCorruptRecord)) return struct;
      const fields = [{ name: o.columnNameOfCorruptRecord, type: T.string }, ...struct.fields];
      fields.sort(byName);
      return { k: 'struct', fields };
    }
    case 'DROPMALFORMED':
      return struct;
    case 'FAILFAST': {
      const dataType = simpleStringI(other);
      throw new SparkException(
        `Malformed records are detected in schema inference. Parse Mode: FAILFAST. Reasons: Failed to infer a common schema. Struct types are expected, but \`${dataType}\` was found.`,
        { messageParameters: { failFastMode: 'FAILFAST', dataType } },
      );
    }
  }
}

/** JsonInferSchema.compatibleRootType: arrays at the root are unwrapped, nulls discarded. */
function compatibleRootType(t1: IType, t2: IType, o: JsonOptions): IType {
  if (t1.k === 'array') return compatibleRootType(t1.element, t2, o);
  if (t2.k === 'array') return compatibleRootType(t1, t2.element, o);
  if (t1.k === 'struct' && t2.k === 'null') return t1;
  if (t2.k === 'struct' && t1.k === 'null') return t2;
  if (t1.k === 'struct' && t2.k !== 'struct') return withCorruptField(t1, t2, o);
  if (t2.k === 'struct' && t1.k !== 'struct') return withCorruptField(t2, t1, o);
  return compatibleType(t1, t2);
}

/**
 * The DataType of an inferred type, canonicalized as Spark does when `canonicalize`: empty
 * structs removed, never-typed (null) fields made strings or dropped (`dropFieldIfAllNull`).
 */
function toDataType(t: IType, canonicalize: boolean, dropFieldIfAllNull = false): DataType | undefined {
  switch (t.k) {
    case 'null':
      if (!canonicalize) return DataTypes.NullType;
      return dropFieldIfAllNull ? undefined : DataTypes.StringType;
    case 'string':
      return DataTypes.StringType;
    case 'boolean':
      return DataTypes.BooleanType;
    case 'long':
      return DataTypes.LongType;
    case 'double':
      return DataTypes.DoubleType;
    case 'timestamp':
      return DataTypes.TimestampType;
    case 'decimal':
      return new DecimalType(t.precision, t.scale);
    case 'array': {
      const e = toDataType(t.element, canonicalize, dropFieldIfAllNull);
      return e && new ArrayType(e, t.containsNull);
    }
    case 'struct': {
      const fields: StructField[] = [];
      for (const f of t.fields) {
        if (canonicalize && f.name === '') continue;
        const c = toDataType(f.type, canonicalize, dropFieldIfAllNull);
        if (c) fields.push(new StructField(f.name, c, true));
      }
      return canonicalize && fields.length === 0 ? undefined : new StructType(fields);
    }
  }
}

function inferJsonSchema(files: readonly InputFile[], o: JsonOptions): StructType {
  const inference = new JsonTypeInference(o);
  const corruptOnly: IType = { k: 'struct', fields: [{ name: o.columnNameOfCorruptRecord, type: T.string }] };
  let root: IType = EMPTY_STRUCT;
  for (const file of files) {
    for (const record of records(file.content, o)) {
      let t: IType | undefined;
      try {
        const v = parseFirstJsonValue(record, o.parse);
        t = v === null ? T.null : inference.inferField(v);
      } catch (e) {
        if (!(e instanceof JsonSyntaxError)) throw e;
        if (o.mode === 'FAILFAST') throw inferenceFailFast(e);
        t = o.mode === 'PERMISSIVE' ? corruptOnly : undefined;
      }
      if (t !== undefined) root = compatibleRootType(root, t, o);
    }
  }
  const canonical = toDataType(root, true, o.dropFieldIfAllNull);
  return canonical instanceof StructType ? canonical : new StructType([]);
}

// ---------------------------------------------------------------------------------------------
// Reading (JacksonParser)

/** A value that cannot be converted to the schema's type. */
class ConversionError extends Error {}

/** A container converted in part: `value` holds what could be converted (Spark's partial results). */
class PartialValueError extends Error {
  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(reason);
  }
}

type Converter = (v: JsonValue, src: string) => unknown;

function fail(v: JsonValue, dataType: DataType, src: string): never {
  if (v.t === 'str' && v.v.length === 0) throw new ConversionError(`Failed to parse an empty string for data type ${dataType.toDDL()}`);
  throw new ConversionError(`Cannot parse ${src.slice(v.start, v.end)} as ${dataType.toDDL()}.`);
}

const POSITIVE_INFINITY_TEXT = new Set(['+INF', '+Infinity', 'Infinity', 'INF']);
const NEGATIVE_INFINITY_TEXT = new Set(['-INF', '-Infinity']);

function specialDouble(text: string, allowNonNumeric: boolean): number | undefined {
  if (!allowNonNumeric) return undefined;
  if (text === 'NaN') return NaN;
  if (POSITIVE_INFINITY_TEXT.has(text)) return Infinity;
  if (NEGATIVE_INFINITY_TEXT.has(text)) return -Infinity;
  return undefined;
}

function integralConverter(dataType: DataType, min: number, max: number): Converter {
  return (v, src) => {
    if (v.t === 'num' && v.int) {
      const n = Number(v.text);
      if (n >= min && n <= max) return n;
    }
    return fail(v, dataType, src);
  };
}

class JsonRowConverter {
  private readonly timestamp: TimestampParser;
  private readonly timestampNTZ: TimestampParser;
  private readonly date: DateParser;

  constructor(private readonly o: JsonOptions) {
    const lenientTs = lenientTimestampParser(o.zone);
    if (o.timestampFormat === undefined) {
      this.timestamp = lenientTs;
    } else {
      const strict = patternTimestampParser(o.timestampFormat, o.zone);
      this.timestamp = o.enableDateTimeParsingFallback ? (s) => strict(s) ?? lenientTs(s) : strict;
    }
    this.timestampNTZ = o.timestampNTZFormat !== undefined ? patternTimestampNTZParser(o.timestampNTZFormat) : lenientTimestampNTZParser();
    const lenientDate = lenientDateParser();
    // Without a dateFormat Spark falls back to stringToDate, then to a day count (Spark 1.5 files).
    const dayCount = (s: string): number | undefined => (/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= 2147483647 ? Number(s) : undefined);
    if (o.dateFormat === undefined) {
      this.date = (s) => lenientDate(s) ?? dayCount(s);
    } else {
      const strict = patternDateParser(o.dateFormat);
      this.date = o.enableDateTimeParsingFallback ? (s) => strict(s) ?? lenientDate(s) ?? dayCount(s) : strict;
    }
  }

  /** Converts non-null values; JSON null is null for every type. */
  converter(dataType: DataType): Converter {
    const convert = this.nonNull(dataType);
    return (v, src) => (v.t === 'null' ? null : convert(v, src));
  }

  private nonNull(dataType: DataType): Converter {
    const o = this.o;
    const name = dataType.typeName();
    switch (name) {
      case 'boolean':
        return (v, src) => (v.t === 'bool' ? v.v : fail(v, dataType, src));
      case 'byte':
        return integralConverter(dataType, -128, 127);
      case 'short':
        return integralConverter(dataType, -32768, 32767);
      case 'integer':
        return integralConverter(dataType, -2147483648, 2147483647);
      case 'long':
        return (v, src) => {
          if (v.t === 'num' && v.int) {
            const n = BigInt(v.text);
            if (n >= LONG_MIN && n <= LONG_MAX) return n;
          }
          return fail(v, dataType, src);
        };
      case 'float':
      case 'double': {
        const round = name === 'float' ? Math.fround : (x: number) => x;
        return (v, src) => {
          if (v.t === 'num') return round(specialDouble(v.text, true) ?? Number(v.text));
          if (v.t === 'str' && v.v.length > 0) {
            const special = specialDouble(v.v, o.parse.allowNonNumericNumbers);
            if (special !== undefined) return round(special);
          }
          return fail(v, dataType, src);
        };
      }
      case 'string':
        // A non-string value is kept as its JSON text, exactly as written.
        return (v, src) => (v.t === 'str' ? v.v : src.slice(v.start, v.end));
      case 'timestamp':
        return (v, src) => {
          if (v.t === 'str' && v.v.length > 0) {
            const micros = this.timestamp(v.v);
            if (micros !== undefined) return micros;
          } else if (v.t === 'num' && v.int) {
            const seconds = BigInt(v.text);
            if (seconds >= LONG_MIN && seconds <= LONG_MAX) return seconds * 1_000_000n;
          }
          return fail(v, dataType, src);
        };
      case 'timestamp_ntz':
        return (v, src) => (v.t === 'str' && v.v.length > 0 ? this.timestampNTZ(v.v) ?? fail(v, dataType, src) : fail(v, dataType, src));
      case 'date':
        return (v, src) => (v.t === 'str' && v.v.length > 0 ? this.date(v.v) ?? fail(v, dataType, src) : fail(v, dataType, src));
      case 'binary':
        return (v, src) => (v.t === 'str' ? new Uint8Array(Buffer.from(v.v, 'base64')) : fail(v, dataType, src));
      case 'void':
        return () => null;
      default:
        break;
    }
    if (/^(var)?char\(/.test(name)) return (v, src) => (v.t === 'str' ? v.v : src.slice(v.start, v.end));
    if (dataType instanceof DecimalType) {
      const { precision, scale } = dataType;
      return (v, src) => {
        let d: Decimal | null = null;
        if (v.t === 'num') d = Decimal.parse(v.text);
        else if (v.t === 'str' && v.v.length > 0) d = Decimal.parse(v.v.replace(/,/g, ''));
        const fitted = d?.toPrecision(precision, scale) ?? null;
        return fitted ?? fail(v, dataType, src);
      };
    }
    if (dataType instanceof StructType) {
      const convertObject = this.objectConverter(dataType);
      return (v, src) => (v.t === 'obj' ? convertObject(v, src) : fail(v, dataType, src));
    }
    if (dataType instanceof ArrayType) {
      const element = this.converter(dataType.elementType);
      return (v, src) => {
        if (v.t !== 'arr') return fail(v, dataType, src);
        const out: unknown[] = [];
        let partial: PartialValueError | undefined;
        for (const item of v.items) {
          try {
            out.push(element(item, src));
          } catch (e) {
            if (!(e instanceof PartialValueError)) throw e;
            partial ??= e;
            out.push(e.value);
          }
        }
        if (partial) throw new PartialValueError(out, partial.reason);
        return out;
      };
    }
    if (dataType instanceof MapType) {
      const value = this.converter(dataType.valueType);
      const key = this.mapKey(dataType.keyType);
      return (v, src) => {
        if (v.t !== 'obj') return fail(v, dataType, src);
        const out = new Map<unknown, unknown>();
        let partial: PartialValueError | undefined;
        for (const [k, item] of v.fields) {
          let converted: unknown;
          try {
            converted = value(item, src);
          } catch (e) {
            if (!(e instanceof PartialValueError)) throw e;
            partial ??= e;
            converted = e.value;
          }
          out.set(key(k), converted);
        }
        if (partial) throw new PartialValueError(out, partial.reason);
        return out;
      };
    }
    throw new SparkException(`Unsupported type: ${dataType.typeName()}`);
  }

  private mapKey(keyType: DataType): (k: string) => unknown {
    const name = keyType.typeName();
    if (name === 'string' || /^(var)?char\(/.test(name)) return (k) => k;
    const convert = this.converter(keyType);
    return (k) => {
      const v = convert({ t: 'num', text: k, int: /^-?\d+$/.test(k), start: 0, end: k.length }, k);
      if (v === null) throw new ConversionError(`Cannot parse map key ${k} as ${keyType.toDDL()}.`);
      return v;
    };
  }

  /**
   * convertObject: fields by exact name; a field that fails to convert stays null and the
   * record is reported bad with the rest of the row as its partial result.
   */
  objectConverter(schema: StructType): (v: Extract<JsonValue, { t: 'obj' }>, src: string) => unknown[] {
    const index = new Map<string, number>();
    schema.fields.forEach((f, i) => {
      if (!index.has(f.name)) index.set(f.name, i);
    });
    const converters = schema.fields.map((f) => this.converter(f.dataType));
    const n = converters.length;
    return (v, src) => {
      const row = new Array<unknown>(n).fill(null);
      let bad: Error | undefined;
      for (const [name, value] of v.fields) {
        const i = index.get(name);
        if (i === undefined) continue;
        try {
          row[i] = converters[i](value, src);
        } catch (e) {
          if (e instanceof PartialValueError) row[i] = e.value;
          else if (!(e instanceof ConversionError)) throw e;
          bad ??= e;
        }
      }
      if (bad) throw new PartialValueError(row, bad.message);
      return row;
    };
  }
}

function readJson(_path: string, content: Uint8Array, schema: StructType, options: FileFormatOptions): unknown[][] {
  const o = jsonOptions(options);
  const actual = new StructType(schema.fields.filter((f) => f.name !== o.columnNameOfCorruptRecord));
  const convertObject = new JsonRowConverter(o).objectConverter(actual);
  const parser = new FailureSafeParser(o.mode, schema, o.columnNameOfCorruptRecord);

  const parseRecord = (record: string): unknown[][] => {
    let v: JsonValue | null;
    try {
      v = parseFirstJsonValue(record, o.parse);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new BadRecordError(record, [], e.message);
      throw e;
    }
    if (v === null) return [];
    const objects = v.t === 'obj' ? [v] : v.t === 'arr' ? v.items : [v];
    const rows: unknown[][] = [];
    let partial: PartialValueError | undefined;
    for (const item of objects) {
      // Each root object (or element of a root array) is one row; anything else is malformed.
      if (item.t !== 'obj') throw new BadRecordError(record, [], `Cannot parse a ${item.t} as a row.`);
      try {
        rows.push(convertObject(item, record));
      } catch (e) {
        if (e instanceof ConversionError) throw new BadRecordError(record, [], e.message);
        if (!(e instanceof PartialValueError)) throw e;
        partial ??= e;
        rows.push(e.value as unknown[]);
      }
    }
    if (partial) throw new BadRecordError(record, rows, partial.reason);
    return rows;
  };

  const out: unknown[][] = [];
  for (const record of records(content, o)) parser.parse(() => parseRecord(record), out);
  return out;
}

function isSupportedJsonType(t: DataType): boolean {
  if (t instanceof StructType) return t.fields.every((f) => isSupportedJsonType(f.dataType));
  if (t instanceof ArrayType) return isSupportedJsonType(t.elementType);
  if (t instanceof MapType) return isSupportedJsonType(t.keyType) && isSupportedJsonType(t.valueType);
  return t.typeName() !== 'interval' && !t.typeName().startsWith('interval ');
}

export const jsonFormat: FileFormat = {
  shortName: 'json',
  displayName: 'JSON',

  verifySchema(schema: StructType, options: FileFormatOptions): void {
    for (const f of schema.fields) if (!isSupportedJsonType(f.dataType)) throw unsupportedDataTypeError('JSON', f.name, f.dataType.toDDL());
    verifyCorruptRecordColumn(schema, corruptColumnOf(options));
  },

  inferSchema(files: readonly InputFile[], options: FileFormatOptions): StructType | undefined {
    if (files.length === 0) return undefined;
    return inferJsonSchema(files, jsonOptions(options));
  },

  readFile: readJson,
};
