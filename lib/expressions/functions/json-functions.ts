// Built-in JSON functions (registered in builtin-functions.ts): from_json, to_json,
// schema_of_json, get_json_object, json_tuple (a generator), json_array_length and
// json_object_keys. Parsing, inference and value conversion are the JSON file format's
// (lib/types/json-*), so a record reads the same through spark.read.json and from_json.
import { ArrayType, DataType, DataTypes, MapType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { parseDataTypeOrSchema } from '../../types/ddl';
import { parseDataTypeJson } from '../../types/data-type-json';
import { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { JsonSyntaxError, parseFirstJsonValue, type JsonParseOptions, type JsonValue } from '../../types/json-parser';
import { jsonOptionsFromMap, type JsonOptions } from '../../types/json-options';
import { inferJsonValueType } from '../../types/json-schema-inference';
import { ConversionError, JsonRowConverter, PartialValueError } from '../../types/json-value-converter';
import { boolOption, malformedRecordError } from '../../types/parse-options';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { quoteIdentifier, unexpectedInputTypeError, wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { CompileContext, Evaluator, FunctionDefinition, GeneratorFunction, ScalarFunction } from '../function-definition';
import { forEachExpression, isNullable, type Expression, type Literal } from '../expression';
import { prettySql } from '../expression-sql';
import { compileExpression } from '../compiler';
import { implicitCast, isNull, isString, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { compileParser } from './datetime-pattern';
import { evaluateJsonPath, jsonValueText, parseJsonPath } from './json-path';
import {
  compileJsonWriter,
  DEFAULT_DATE_FORMAT,
  DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT,
  DEFAULT_TIMESTAMP_WRITE_FORMAT,
} from './json-writer';

type Fn = { fn: FunctionDefinition; aliases: string[] };

const DEFAULT_CORRUPT_COLUMN = '_corrupt_record';

/** Jackson's defaults as Spark's SharedFactory configures them (get_json_object, json_tuple...). */
const STRICT_PARSE: JsonParseOptions = {
  allowComments: false,
  allowUnquotedFieldNames: false,
  allowSingleQuotes: false,
  allowNumericLeadingZeros: false,
  allowNonNumericNumbers: false,
  allowBackslashEscapingAnyCharacter: false,
  allowUnquotedControlChars: true,
};

// ---------------------------------------------------------------------------------------------
// Argument helpers

export function sqlOf(name: string, args: readonly Expression[]): string {
  return `${name}(${args.map(prettySql).join(', ')})`;
}

export function isFoldable(e: Expression): boolean {
  let foldable = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' || x.kind === 'aggregateCall' || x.kind === 'generatorCall' || x.kind === 'lambdaVariable') foldable = false;
    else if (x.kind === 'scalarCall' && NONDETERMINISTIC.has(x.fn.name)) foldable = false;
  });
  return foldable;
}

const NONDETERMINISTIC = new Set(['rand', 'randn', 'uuid', 'shuffle', 'random']);

/** Evaluates a foldable argument at analysis time (schemas and options are constants in Spark). */
export function evalConstant(e: Expression): unknown {
  return compileExpression(e, [], { ansiEnabled: true, timeZone: 'UTC' })([]);
}

function literal(value: unknown, dataType: DataType): Literal {
  return { kind: 'literal', value, dataType };
}

export function mismatch(subClass: string, message: string, params: Record<string, string>): AnalysisException {
  const sqlExpr = params.sqlExpr;
  return new AnalysisException(`Cannot resolve ${sqlExpr} due to data type mismatch: ${message}`, {
    errorClass: `DATATYPE_MISMATCH.${subClass}`,
    sqlState: '42K09',
    messageParameters: params,
  });
}

/** Spark's ExprUtils.convertToMapData: options must come from `map()` with string keys and values. */
export function optionsArg(e: Expression | undefined): CaseInsensitiveMap {
  if (e === undefined) return new CaseInsensitiveMap();
  if (e.kind !== 'scalarCall' || e.fn.name !== 'map') {
    throw new AnalysisException('Invalid options: Must use the `map()` function for options.', { errorClass: 'INVALID_OPTIONS.NON_MAP_FUNCTION', sqlState: '42K06' });
  }
  const t = e.dataType as MapType;
  const stringish = (x: DataType) => isString(x) || isNull(x);
  if (!(t instanceof MapType) || !stringish(t.keyType) || !stringish(t.valueType)) {
    const mapType = `"${typeSql(t)}"`;
    throw new AnalysisException(`Invalid options: A type of keys and values in \`map()\` must be string, but got ${mapType}.`, {
      errorClass: 'INVALID_OPTIONS.NON_STRING_TYPE',
      sqlState: '42K06',
      messageParameters: { mapType },
    });
  }
  const m = evalConstant(e) as Map<string, string | null> | null;
  const entries: [string, string][] = [];
  if (m) for (const [k, v] of m) if (v !== null) entries.push([k, v]);
  return new CaseInsensitiveMap(entries);
}

/** DataType.parseTypeWithFallback: a JSON type (`StructType.json()`, as PySpark sends), else DDL. */
export function parseSchemaText(text: string): DataType {
  if (text.trimStart().startsWith('{')) {
    try {
      return parseDataTypeJson(text);
    } catch {
      // Not a JSON type: the DDL parser reports the error.
    }
  }
  return parseDataTypeOrSchema(text);
}

/**
 * Resolved options travel as a string literal holding their entries as JSON, so that expression
 * keys (which print literals) tell calls with different options apart.
 */
export function optionsLiteral(options: CaseInsensitiveMap): Literal {
  return literal(JSON.stringify([...options]), DataTypes.StringType);
}

/** The options of an `optionsLiteral`, read once at compile time (the literal needs no row). */
export function optionsOf(evaluator: Evaluator): CaseInsensitiveMap {
  return new CaseInsensitiveMap(JSON.parse(evaluator([]) as string) as [string, string][]);
}

/** Spark's ExprUtils.evalTypeExpr: a foldable, non-null string holding a DDL type or schema. */
function schemaArg(e: Expression): DataType {
  if (isFoldable(e) && (isString(e.dataType) || isNull(e.dataType))) {
    const v = evalConstant(e);
    if (typeof v === 'string') return parseSchemaText(v);
  }
  const inputSchema = `"${prettySql(e)}"`;
  throw new AnalysisException(`The input schema ${inputSchema} is not a valid schema string. The input expression must be string literal and not null.`, {
    errorClass: 'INVALID_SCHEMA.NON_STRING_LITERAL',
    sqlState: '42K07',
    messageParameters: { inputSchema },
  });
}

export function requireStringArg(name: string, args: readonly Expression[], i: number): Expression {
  const t = args[i].dataType;
  if (isNull(t)) return implicitCast(args[i], DataTypes.StringType);
  if (!isString(t)) throw unexpectedInputTypeError(sqlOf(name, args), i, '"STRING"', prettySql(args[i]), typeSql(t));
  return args[i];
}

/** Datetime patterns are checked when the expression compiles, as Spark's formatters do on first use. */
function validatePatterns(...patterns: (string | undefined)[]): void {
  for (const p of patterns) if (p !== undefined) compileParser(p);
}

/**
 * from_json's result type: every field, element and value nullable, and CHAR/VARCHAR read as
 * STRING (Spark's replaceCharVarcharWithStringForCast).
 */
function asNullable(t: DataType): DataType {
  if (/^(var)?char\(/.test(t.typeName())) return DataTypes.StringType;
  if (t instanceof StructType) return new StructType(t.fields.map((f) => new StructField(f.name, asNullable(f.dataType), true, f.metadata)));
  if (t instanceof ArrayType) return new ArrayType(asNullable(t.elementType), true);
  if (t instanceof MapType) return new MapType(t.keyType, asNullable(t.valueType), true);
  return t;
}

function parseOrNull(text: string, options: JsonParseOptions): JsonValue | null {
  try {
    return parseFirstJsonValue(text, options);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// from_json

function parseModeUnsupported(mode: string): AnalysisException {
  const params = { funcName: quoteIdentifier('from_json'), mode };
  return new AnalysisException(`The function ${params.funcName} doesn't support the ${mode} mode. Acceptable modes are PERMISSIVE and FAILFAST.`, {
    errorClass: 'PARSE_MODE_UNSUPPORTED',
    sqlState: '42601',
    messageParameters: params,
  });
}

function checkJsonSchema(name: string, args: readonly Expression[], schema: DataType): void {
  if (schema instanceof StructType || schema instanceof ArrayType || schema instanceof MapType) return;
  const params = { sqlExpr: `"${sqlOf(name, args)}"`, schema: `"${typeSql(schema)}"` };
  throw mismatch('INVALID_JSON_SCHEMA', `Input schema ${params.schema} must be a struct, an array, a map or a variant.`, params);
}

/** A record that cannot be read; `partial` holds the struct fields that could. */
class BadJson extends Error {
  constructor(
    readonly partial: unknown[] | null,
    readonly reason?: unknown,
  ) {
    super(reason instanceof Error ? reason.message : 'malformed JSON');
  }
}

/** Text -> value of `schema`, throwing BadJson for a malformed record. */
function compileJsonReader(schema: DataType, o: JsonOptions): (text: string) => unknown {
  const converter = new JsonRowConverter(o);
  const read = (text: string): JsonValue | null => {
    try {
      return parseFirstJsonValue(text, o.parse);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new BadJson(null, e);
      throw e;
    }
  };
  const guard = <T>(convert: () => T, partial: (e: PartialValueError) => unknown[] | null): T => {
    try {
      return convert();
    } catch (e) {
      if (e instanceof ConversionError) throw new BadJson(null, e);
      if (e instanceof PartialValueError) throw new BadJson(partial(e), e);
      throw e;
    }
  };
  if (schema instanceof StructType) {
    const convertObject = converter.objectConverter(schema);
    return (text) => {
      const v = read(text);
      // Nothing but whitespace is no record; a JSON null at the root is a malformed one.
      if (v === null) return null;
      if (v.t !== 'obj') throw new BadJson(null);
      return guard(() => convertObject(v, text), (e) => e.value as unknown[]);
    };
  }
  const convert = converter.converter(schema);
  const element = schema instanceof ArrayType && schema.elementType instanceof StructType ? converter.converter(schema.elementType) : undefined;
  return (text) => {
    const v = read(text);
    if (v === null) return null;
    // An object where an array of structs is expected reads as a one-element array.
    if (element && v.t === 'obj') return guard(() => [element(v, text)], () => null);
    if (schema instanceof MapType ? v.t !== 'obj' : v.t !== 'arr') throw new BadJson(null);
    return guard(() => convert(v, text), () => null);
  };
}

const fromJson: ScalarFunction = {
  kind: 'scalar',
  name: 'from_json',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 3);
    const schema = schemaArg(args[1]);
    const options = optionsArg(args[2]);
    checkJsonSchema('from_json', args, schema);
    const json = requireStringArg('from_json', args, 0);
    // The schema travels as its DDL text: the column name depends on its kind (see `sql`).
    return { args: [json, literal(schema.toDDL(), DataTypes.StringType), optionsLiteral(options)], dataType: asNullable(schema), nullable: true };
  },
  compile([json, , options], _argTypes, resultType, ctx) {
    return compileFromJson(json, resultType, ctx, optionsOf(options));
  },
  // Spark names a from_json with a map schema `entries`.
  sql: (args) => (/^\s*map\s*</i.test(args[1] ?? '') ? 'entries' : `from_json(${args[0]})`),
};

function compileFromJson(json: Evaluator, schema: DataType, ctx: CompileContext, options: CaseInsensitiveMap): Evaluator {
  const o = jsonOptionsFromMap(options, ctx.timeZone, DEFAULT_CORRUPT_COLUMN);
  // Spark's evaluator checks the mode when it first runs, not during analysis.
  if (o.mode === 'DROPMALFORMED') throw parseModeUnsupported(o.mode);
  validatePatterns(o.timestampFormat, o.dateFormat, o.timestampNTZFormat);
  const failFast = o.mode === 'FAILFAST';
  let read: (text: string) => unknown;
  let badRecordValue: (text: string, partial: unknown[] | null) => unknown = () => null;
  if (schema instanceof StructType) {
    // The corrupt-record column is filled by the failure handling, not by the parser.
    const corruptIndex = schema.fields.findIndex((f) => f.name === o.columnNameOfCorruptRecord && isString(f.dataType));
    const actual = corruptIndex < 0 ? schema : new StructType(schema.fields.filter((_, i) => i !== corruptIndex));
    const readActual = compileJsonReader(actual, o);
    const width = schema.fields.length;
    const spread = (row: unknown[] | null, corrupt: string | null): unknown[] => {
      const out = new Array<unknown>(width).fill(null);
      for (let i = 0, j = 0; i < width; i++) {
        if (i === corruptIndex) continue;
        out[i] = row ? row[j] ?? null : null;
        j++;
      }
      if (corruptIndex >= 0) out[corruptIndex] = corrupt;
      return out;
    };
    read = corruptIndex < 0 ? readActual : (text) => {
      const row = readActual(text) as unknown[] | null;
      return row === null ? null : spread(row, null);
    };
    badRecordValue = (text, partial) => spread(partial, text);
  } else {
    read = compileJsonReader(schema, o);
  }
  return (row) => {
    const text = json(row) as string | null;
    if (text === null) return null;
    try {
      return read(text);
    } catch (e) {
      if (!(e instanceof BadJson)) throw e;
      if (failFast) throw malformedRecordError(text, e.reason ?? e);
      return badRecordValue(text, e.partial);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// to_json

const toJson: ScalarFunction = {
  kind: 'scalar',
  name: 'to_json',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const options = optionsArg(args[1]);
    const t = args[0].dataType;
    if (!(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)) {
      const params = { sqlExpr: `"${sqlOf('to_json', args.slice(0, 1))}"`, schema: `"${typeSql(t)}"` };
      throw mismatch('INVALID_JSON_SCHEMA', `Input schema ${params.schema} must be a struct, an array, a map or a variant.`, params);
    }
    return { args: [args[0], optionsLiteral(options)], dataType: DataTypes.StringType, nullable: isNullable(args[0]) };
  },
  compile([value, options], [valueType], _resultType, ctx) {
    const o = optionsOf(options);
    const timestampFormat = o.get('timestampFormat') ?? DEFAULT_TIMESTAMP_WRITE_FORMAT;
    const write = compileJsonWriter(valueType, {
      zone: o.get('timeZone') ?? ctx.timeZone,
      timestampFormat,
      timestampNTZFormat: o.get('timestampNTZFormat') ?? DEFAULT_TIMESTAMP_NTZ_WRITE_FORMAT,
      dateFormat: o.get('dateFormat') ?? DEFAULT_DATE_FORMAT,
      ignoreNullFields: boolOption(o, 'ignoreNullFields', true),
      pretty: boolOption(o, 'pretty', false),
    });
    return (row) => {
      const v = value(row);
      return v === null ? null : write(v);
    };
  },
  sql: (args) => `to_json(${args[0]})`,
};

// ---------------------------------------------------------------------------------------------
// schema_of_json

const schemaOfJson: ScalarFunction = {
  kind: 'scalar',
  name: 'schema_of_json',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const json = args[0];
    const sqlExpr = `"${sqlOf('schema_of_json', args.slice(0, 1))}"`;
    if (!isFoldable(json)) {
      const params = { inputExpr: `"${prettySql(json)}"`, inputName: '`json`', inputType: `"${typeSql(json.dataType)}"`, sqlExpr };
      throw mismatch('NON_FOLDABLE_INPUT', `the input ${params.inputName} should be a foldable ${params.inputType} expression; however, got ${params.inputExpr}.`, params);
    }
    const text = evalConstant(json);
    if (text === null) throw mismatch('UNEXPECTED_NULL', 'The json must not be null.', { exprName: 'json', sqlExpr });
    if (!isString(json.dataType)) throw unexpectedInputTypeError(sqlOf('schema_of_json', args.slice(0, 1)), 0, '"STRING"', prettySql(json), typeSql(json.dataType));
    const options = optionsArg(args[1]);
    const o = jsonOptionsFromMap(options, 'UTC', DEFAULT_CORRUPT_COLUMN);
    let v: JsonValue | null;
    try {
      v = parseFirstJsonValue(text as string, o.parse);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      // Spark lets Jackson's parse error through, without an error condition.
      throw new SparkException(e.message, { cause: e });
    }
    const dataType = v === null ? DataTypes.StringType : inferJsonValueType(v, o);
    return { args: [json, literal(dataType.toDDL(), DataTypes.StringType)], dataType: DataTypes.StringType, nullable: false };
  },
  compile([, schema]) {
    const ddl = schema([]);
    return () => ddl;
  },
  sql: (args) => `schema_of_json(${args[0]})`,
};

// ---------------------------------------------------------------------------------------------
// get_json_object, json_array_length, json_object_keys

const getJsonObject: ScalarFunction = {
  kind: 'scalar',
  name: 'get_json_object',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args: [requireStringArg('get_json_object', args, 0), requireStringArg('get_json_object', args, 1)], dataType: DataTypes.StringType, nullable: true };
  },
  compile([json, path]) {
    let cachedPath: string | null = null;
    let cachedSteps: ReturnType<typeof parseJsonPath> = null;
    return (row) => {
      const text = json(row) as string | null;
      const p = path(row) as string | null;
      if (text === null || p === null) return null;
      if (p !== cachedPath) {
        cachedPath = p;
        cachedSteps = parseJsonPath(p);
      }
      if (cachedSteps === null) return null;
      const v = parseOrNull(text, STRICT_PARSE);
      return v === null ? null : evaluateJsonPath(v, cachedSteps);
    };
  },
};

function jsonStringFunction(name: string, dataType: DataType, f: (v: JsonValue) => unknown): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args: [requireStringArg(name, args, 0)], dataType, nullable: true };
    },
    compile([json]) {
      return (row) => {
        const text = json(row) as string | null;
        if (text === null) return null;
        const v = parseOrNull(text, STRICT_PARSE);
        return v === null ? null : f(v);
      };
    },
  };
}

const jsonArrayLength = jsonStringFunction('json_array_length', DataTypes.IntegerType, (v) => (v.t === 'arr' ? v.items.length : null));

const jsonObjectKeys = jsonStringFunction('json_object_keys', new ArrayType(DataTypes.StringType, false), (v) => (v.t === 'obj' ? v.fields.map(([k]) => k) : null));

// ---------------------------------------------------------------------------------------------
// json_tuple

/** A field's text as json_tuple returns it: strings raw, JSON null as NULL, the rest as JSON. */
function tupleValue(v: JsonValue): string | null {
  if (v.t === 'str') return v.v;
  if (v.t === 'null') return null;
  return jsonValueText(v);
}

const jsonTuple: GeneratorFunction = {
  kind: 'generator',
  name: 'json_tuple',
  resolve(args) {
    if (args.length < 2) throw wrongNumArgsError('json_tuple', '> 1', args.length);
    if (!args.every((a) => isString(a.dataType))) {
      const params = { funcName: quoteIdentifier('json_tuple'), sqlExpr: `"${sqlOf('json_tuple', args)}"` };
      throw mismatch('NON_STRING_TYPE', `all arguments of the function ${params.funcName} must be strings.`, params);
    }
    return { args, elementTypes: args.slice(1).map((_, i) => ({ name: `c${i}`, dataType: DataTypes.StringType, nullable: true })) };
  },
  compile([json, ...fields]) {
    const n = fields.length;
    return (row, emit) => {
      const out = new Array<unknown>(n).fill(null);
      const text = json(row) as string | null;
      const v = text === null ? null : parseOrNull(text, STRICT_PARSE);
      if (v !== null && v.t === 'obj') {
        const names = fields.map((f) => f(row) as string | null);
        for (const [key, value] of v.fields) {
          for (let i = 0; i < n; i++) if (names[i] === key) out[i] = tupleValue(value);
        }
      }
      emit(out);
    };
  },
};

export const JSON_FUNCTIONS: Fn[] = [
  { fn: fromJson, aliases: [] },
  { fn: toJson, aliases: [] },
  { fn: schemaOfJson, aliases: [] },
  { fn: getJsonObject, aliases: [] },
  { fn: jsonArrayLength, aliases: [] },
  { fn: jsonObjectKeys, aliases: [] },
  { fn: jsonTuple, aliases: [] },
];
