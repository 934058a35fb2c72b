// Spark's JsonInferSchema: the type of a parsed JSON value, merged over records as the JSON
// file format and schema_of_json infer schemas. Inference sorts fields by name, reads integers
// as bigint and other numbers as double, merges conflicting types into string and adds the
// corrupt-record column when a record does not parse (PERMISSIVE).
import { SparkException } from '../errors/spark-exception';
import { ArrayType, DataType, DataTypes, DecimalType } from './data-types';
import { StructField, StructType } from './struct-type';
import { lenientTimestampNTZParser, lenientTimestampParser, patternTimestampNTZParser, patternTimestampParser, type TimestampParser } from './datetime-parsing';
import { JsonSyntaxError, parseFirstJsonValue, type JsonValue } from './json-parser';
import type { JsonOptions } from './json-options';

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

/** Merges the inferred types of records (JSON lines or whole documents) into a row schema. */
export class JsonSchemaInferrer {
  private readonly inference: JsonTypeInference;
  private readonly corruptOnly: IType;
  private root: IType = EMPTY_STRUCT;

  constructor(private readonly o: JsonOptions) {
    this.inference = new JsonTypeInference(o);
    this.corruptOnly = { k: 'struct', fields: [{ name: o.columnNameOfCorruptRecord, type: T.string }] };
  }

  addRecord(record: string): void {
    const o = this.o;
    let t: IType | undefined;
    try {
      const v = parseFirstJsonValue(record, o.parse);
      t = v === null ? T.null : this.inference.inferField(v);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      if (o.mode === 'FAILFAST') throw inferenceFailFast(e);
      t = o.mode === 'PERMISSIVE' ? this.corruptOnly : undefined;
    }
    if (t !== undefined) this.root = compatibleRootType(this.root, t, o);
  }

  result(): StructType {
    const canonical = toDataType(this.root, true, this.o.dropFieldIfAllNull);
    return canonical instanceof StructType ? canonical : new StructType([]);
  }
}

/**
 * schema_of_json's type of one value: a struct (or array of structs) canonicalized as the file
 * format does; any other type canonicalized, a never-typed value as string.
 */
export function inferJsonValueType(v: JsonValue, o: JsonOptions): DataType {
  const t = new JsonTypeInference(o).inferField(v);
  if (t.k === 'struct') return toDataType(t, true, o.dropFieldIfAllNull) ?? new StructType([]);
  if (t.k === 'array' && t.element.k === 'struct') return new ArrayType(toDataType(t.element, true, o.dropFieldIfAllNull) ?? new StructType([]), t.containsNull);
  return toDataType(t, true, o.dropFieldIfAllNull) ?? DataTypes.StringType;
}
