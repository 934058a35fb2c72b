// Reading inside arrays, maps and structs: `arr[i]` (0-based), `map[key]`, `struct.field` (and
// `array_of_structs.field`), element_at (1-based, negative from the end), size / cardinality.
// ANSI mode fails on out-of-range array indexes; legacy mode returns NULL.
import { DataType, DataTypes, ArrayType, MapType, IntegralType } from '../../types/data-types';
import { StructType } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { InternalError, SparkException, ArrayIndexOutOfBoundsException } from '../../errors/spark-exception';
import { quoteIdentifier, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression, ScalarCall } from '../expression';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import { compileCast } from '../cast';
import { castArgumentTo, findTightestCommonType } from '../type-coercion';
import { implicitCast, isNull, isString, sameType, typeSql, valuesEqual } from '../type-utils';
import { checkArity } from './check-args';

function invalidArrayIndex(index: unknown, size: number): SparkException {
  const params = { indexValue: String(index), arraySize: String(size) };
  return new ArrayIndexOutOfBoundsException(
    `The index ${params.indexValue} is out of bounds. The array has ${params.arraySize} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`,
    { errorClass: 'INVALID_ARRAY_INDEX', sqlState: '22003', messageParameters: params },
  );
}

function invalidElementAtIndex(index: unknown, size: number): SparkException {
  const params = { indexValue: String(index), arraySize: String(size) };
  return new ArrayIndexOutOfBoundsException(
    `The index ${params.indexValue} is out of bounds. The array has ${params.arraySize} elements. Use \`try_element_at\` to tolerate accessing element at invalid index and return NULL instead.`,
    { errorClass: 'INVALID_ARRAY_INDEX_IN_ELEMENT_AT', sqlState: '22003', messageParameters: params },
  );
}

function invalidIndexOfZero(): SparkException {
  return new ArrayIndexOutOfBoundsException('The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).', {
    errorClass: 'INVALID_INDEX_OF_ZERO',
    sqlState: '22003',
  });
}

function fieldNotFound(fieldName: string, struct: StructType): AnalysisException {
  const params = { fieldName: quoteIdentifier(fieldName), fields: struct.fields.map((f) => quoteIdentifier(f.name)).join(', ') };
  return new AnalysisException(`No such struct field ${params.fieldName} in ${params.fields}.`, {
    errorClass: 'FIELD_NOT_FOUND',
    sqlState: '42704',
    messageParameters: params,
  });
}

function ambiguousField(fieldName: string, count: number): AnalysisException {
  const params = { field: quoteIdentifier(fieldName), count: String(count) };
  return new AnalysisException(`Ambiguous reference to the field ${params.field}. It appears ${params.count} times in the schema.`, {
    errorClass: 'AMBIGUOUS_REFERENCE_TO_FIELDS',
    sqlState: '42000',
    messageParameters: params,
  });
}

function invalidExtractBase(child: Expression): AnalysisException {
  const params = { base: `"${prettySql(child)}"`, other: `"${typeSql(child.dataType)}"` };
  return new AnalysisException(`Can't extract a value from ${params.base}. Need a complex type [STRUCT, ARRAY, MAP] but got ${params.other}.`, {
    errorClass: 'INVALID_EXTRACT_BASE_FIELD_TYPE',
    sqlState: '42000',
    messageParameters: params,
  });
}

function invalidExtractFieldType(extraction: Expression): AnalysisException {
  const params = { extraction: `"${prettySql(extraction)}"` };
  return new AnalysisException(`Field name should be a non-null string literal, but it's ${params.extraction}.`, {
    errorClass: 'INVALID_EXTRACT_FIELD_TYPE',
    sqlState: '42000',
    messageParameters: params,
  });
}

/** Spark's `ExtractValue.findField`: the field's ordinal, resolved with the session's case rule. */
function findField(struct: StructType, fieldName: string, caseSensitive: boolean): number {
  const matches = (name: string) => (caseSensitive ? name === fieldName : name.toLowerCase() === fieldName.toLowerCase());
  const found = struct.fields.map((f, i) => (matches(f.name) ? i : -1)).filter((i) => i >= 0);
  if (found.length === 0) throw fieldNotFound(fieldName, struct);
  if (found.length > 1) throw ambiguousField(fieldName, found.length);
  return found[0];
}

function call(fn: ScalarFunction, args: Expression[], dataType: DataType, nullable: boolean): ScalarCall {
  return { kind: 'scalarCall', fn, args, dataType, nullable };
}

/** `struct.field`; one definition per (ordinal, name), the name as the user wrote it. */
function getStructField(ordinal: number, name: string): ScalarFunction {
  return {
    kind: 'scalar',
    name: 'getstructfield',
    resolve() {
      throw new InternalError('Extraction is resolved by resolveExtractValue.');
    },
    compile([child]) {
      return (row) => {
        const v = child(row) as unknown[] | null;
        return v === null ? null : v[ordinal];
      };
    },
    sql: (args) => `${args[0]}.${name}`,
  };
}

/** `array_of_structs.field`: the field of every element. */
function getArrayStructFields(ordinal: number, name: string): ScalarFunction {
  return {
    kind: 'scalar',
    name: 'getarraystructfields',
    resolve() {
      throw new InternalError('Extraction is resolved by resolveExtractValue.');
    },
    compile([child]) {
      return (row) => {
        const v = child(row) as (unknown[] | null)[] | null;
        return v === null ? null : v.map((e) => (e === null ? null : e[ordinal]));
      };
    },
    sql: (args) => `${args[0]}.${name}`,
  };
}

/** `arr[i]`, 0-based; out of range fails under ANSI (INVALID_ARRAY_INDEX), else NULL. */
const getArrayItem: ScalarFunction = {
  kind: 'scalar',
  name: 'getarrayitem',
  resolve() {
    throw new InternalError('Extraction is resolved by resolveExtractValue.');
  },
  compile([arr, index], _types, _result, ctx) {
    const ansi = ctx.ansiEnabled;
    return (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const i = index(row);
      if (i === null) return null;
      const n = Number(i);
      if (n < 0 || n >= a.length) {
        if (ansi) throw invalidArrayIndex(i, a.length);
        return null;
      }
      return a[n];
    };
  },
  sql: (args) => `${args[0]}[${args[1]}]`,
};

/** Looks a key up in a map value; primitive keys hash, others compare by value. */
function mapLookup(keyType: DataType, convertKey?: (k: unknown) => unknown): (m: Map<unknown, unknown>, key: unknown) => unknown {
  const primitive = ['string', 'integer', 'short', 'byte', 'long', 'boolean', 'date', 'timestamp', 'timestamp_ntz', 'double', 'float'].includes(keyType.typeName()) || isString(keyType);
  if (primitive && !convertKey) return (m, key) => m.get(key) ?? null;
  const conv = convertKey ?? ((k: unknown) => k);
  return (m, key) => {
    for (const [k, v] of m) if (valuesEqual(conv(k), key)) return v;
    return null;
  };
}

/** `map[key]`: NULL when the key is absent, in every mode. */
const getMapValue: ScalarFunction = {
  kind: 'scalar',
  name: 'getmapvalue',
  resolve() {
    throw new InternalError('Extraction is resolved by resolveExtractValue.');
  },
  compile([map, key], [mapType]) {
    const lookup = mapLookup((mapType as MapType).keyType);
    return (row) => {
      const m = map(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const k = key(row);
      if (k === null) return null;
      return lookup(m, k);
    };
  },
  sql: (args) => `${args[0]}[${args[1]}]`,
};

/**
 * Spark's `ExtractValue`: `child[key]` or `child.field` by the child's type. Struct fields and
 * fields of arrays of structs need a string literal; arrays take an integral index; maps a key
 * of (or implicitly castable to) their key type.
 */
export function resolveExtractValue(child: Expression, key: Expression, opts: { ansiEnabled: boolean; caseSensitive: boolean }): Expression {
  const t = child.dataType;
  const fieldName = key.kind === 'literal' && typeof key.value === 'string' && isString(key.dataType) ? key.value : undefined;
  if (t instanceof StructType) {
    if (fieldName === undefined) throw invalidExtractFieldType(key);
    const ordinal = findField(t, fieldName, opts.caseSensitive);
    const field = t.fields[ordinal];
    return call(getStructField(ordinal, fieldName), [child, key], field.dataType, isNullable(child) || field.nullable);
  }
  if (t instanceof ArrayType && t.elementType instanceof StructType && fieldName !== undefined) {
    const ordinal = findField(t.elementType, fieldName, opts.caseSensitive);
    const field = t.elementType.fields[ordinal];
    return call(getArrayStructFields(ordinal, fieldName), [child, key], new ArrayType(field.dataType, t.containsNull || field.nullable), isNullable(child));
  }
  if (t instanceof ArrayType) {
    const sqlExpr = `${prettySql(child)}[${prettySql(key)}]`;
    if (!(key.dataType instanceof IntegralType) && !isNull(key.dataType)) {
      throw unexpectedInputTypeError(sqlExpr, 1, '"INTEGRAL"', prettySql(key), typeSql(key.dataType));
    }
    return call(getArrayItem, [child, key], t.elementType, true);
  }
  if (t instanceof MapType) {
    const sqlExpr = `${prettySql(child)}[${prettySql(key)}]`;
    const k = castArgumentTo(key, t.keyType, opts.ansiEnabled);
    if (k === undefined) throw unexpectedInputTypeError(sqlExpr, 1, `"${typeSql(t.keyType)}"`, prettySql(key), typeSql(key.dataType));
    return call(getMapValue, [child, k], t.valueType, true);
  }
  throw invalidExtractBase(child);
}

function elementAtFunction(name: 'element_at' | 'try_element_at'): ScalarFunction {
  const tolerant = name === 'try_element_at';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const [coll, key] = args;
      const sqlExpr = `${name}(${args.map(prettySql).join(', ')})`;
      const t = coll.dataType;
      if (t instanceof ArrayType) {
        const k = key.dataType;
        const ok = isNull(k) || (k instanceof IntegralType && k.typeName() !== 'long');
        if (!ok) throw unexpectedInputTypeError(sqlExpr, 1, '"INT"', prettySql(key), typeSql(k));
        return { args: [coll, implicitCast(key, DataTypes.IntegerType)], dataType: t.elementType, nullable: true };
      }
      if (t instanceof MapType) {
        const common = findTightestCommonType(t.keyType, key.dataType, ctx.ansiEnabled);
        if (common === undefined) {
          const params = { sqlExpr: `"${sqlExpr}"`, functionName: quoteIdentifier(name), dataType: '"MAP"', leftType: `"${typeSql(t)}"`, rightType: `"${typeSql(key.dataType)}"` };
          throw new AnalysisException(
            `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to ${params.functionName} should have been ${params.dataType} followed by a value with same key type, but it's [${params.leftType}, ${params.rightType}].`,
            { errorClass: 'DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
          );
        }
        return { args: [coll, implicitCast(key, common)], dataType: t.valueType, nullable: true };
      }
      throw unexpectedInputTypeError(sqlExpr, 0, '("ARRAY" or "MAP")', prettySql(coll), typeSql(t));
    },
    compile([coll, key], [collType, keyType], _result, ctx): Evaluator {
      if (collType instanceof MapType) {
        const convert = sameType(collType.keyType, keyType) ? undefined : compileCast(collType.keyType, keyType, true, ctx.timeZone);
        const lookup = mapLookup(collType.keyType, convert);
        return (row) => {
          const m = coll(row) as Map<unknown, unknown> | null;
          if (m === null) return null;
          const k = key(row);
          return k === null ? null : lookup(m, k);
        };
      }
      const failOnError = ctx.ansiEnabled && !tolerant;
      return (row) => {
        const a = coll(row) as unknown[] | null;
        if (a === null) return null;
        const i = key(row) as number | null;
        if (i === null) return null;
        if (i === 0) throw invalidIndexOfZero();
        if (a.length < Math.abs(i)) {
          if (failOnError) throw invalidElementAtIndex(i, a.length);
          return null;
        }
        return a[i > 0 ? i - 1 : a.length + i];
      };
    },
  };
}

/** size / cardinality: elements of an array or map; NULL input gives -1 in legacy mode. */
function sizeFunction(name: 'size' | 'cardinality'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      const t = args[0].dataType;
      if (!(t instanceof ArrayType) && !(t instanceof MapType) && !isNull(t)) {
        throw unexpectedInputTypeError(`${name}(${prettySql(args[0])})`, 0, '("ARRAY" or "MAP")', prettySql(args[0]), typeSql(t));
      }
      return { args, dataType: DataTypes.IntegerType, nullable: ctx.ansiEnabled };
    },
    compile([c], _types, _result, ctx) {
      const ofNull = ctx.ansiEnabled ? null : -1;
      return (row) => {
        const v = c(row);
        if (v === null) return ofNull;
        return v instanceof Map ? v.size : (v as unknown[]).length;
      };
    },
  };
}

export const COLLECTION_ACCESS_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: elementAtFunction('element_at'), aliases: [] },
  { fn: elementAtFunction('try_element_at'), aliases: [] },
  { fn: sizeFunction('size'), aliases: [] },
  { fn: sizeFunction('cardinality'), aliases: [] },
];
