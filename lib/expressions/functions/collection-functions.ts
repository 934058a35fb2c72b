// Built-in collection functions (registered in builtin-functions.ts): constructors (array, map,
// struct, named_struct) and array functions (array_contains ... get), with Spark 4's type checks,
// error classes and NULL rules; map functions and sequence live in their own files.
import { DataType, DataTypes, ArrayType, MapType, IntegralType } from '../../types/data-types';
import { StructType, StructField } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { quoteIdentifier, unexpectedInputTypeError, wrongNumArgsError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction, ResolveContext, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import { bracketTypeList, dataDiffTypesError, findCommonType, findTightestCommonType, findWiderType } from '../type-coercion';
import { compareValues, implicitCast, isNull, isString, typeSql, valuesEqual } from '../type-utils';
import { checkArity } from './check-args';
import {
  arrayFunctionDiffTypes,
  buildMap,
  compareNullsFirst,
  containsMap,
  invalidIndexOfZero,
  invalidMapKeyType,
  isArray,
  mapKeyLastWins,
  nullSafe,
  nullTypeError,
  requireType,
  scalar,
  sqlOf,
  tooLargeArray,
  valueKey,
} from './collection-helpers';
import { sequence } from './sequence-function';
import { mapConcat, mapContainsKey, mapEntries, mapFromArrays, mapFromEntries, mapKeys, mapValues, strToMap } from './map-functions';

type Fn = { fn: FunctionDefinition; aliases: string[] };

// ---------------------------------------------------------------------------------------------
// Constructors

/** array(...) and struct(...): every argument evaluated into one new array. */
function evaluateAll(args: Evaluator[]): Evaluator {
  const n = args.length;
  return (row) => {
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = args[i](row);
    return out;
  };
}

const arrayFn = scalar(
  'array',
  (args, ctx) => {
    const common = args.length === 0 ? DataTypes.NullType : findCommonType(args.map((a) => a.dataType), ctx.ansiEnabled);
    if (common === undefined) throw dataDiffTypesError(sqlOf('array', args), 'array', bracketTypeList(args.map((a) => a.dataType)));
    return { args: args.map((a) => implicitCast(a, common)), dataType: new ArrayType(common, args.some(isNullable)), nullable: false };
  },
  evaluateAll,
);


const mapFn = scalar(
  'map',
  (args, ctx) => {
    if (args.length % 2 !== 0) throw wrongNumArgsError('map', '2n (n > 0)', args.length);
    const keys = args.filter((_, i) => i % 2 === 0);
    const values = args.filter((_, i) => i % 2 === 1);
    const kt = keys.length === 0 ? DataTypes.NullType : findCommonType(keys.map((a) => a.dataType), ctx.ansiEnabled);
    if (kt === undefined) {
      const params = { sqlExpr: `"${sqlOf('map', args)}"`, functionName: '`map`', dataType: bracketTypeList(keys.map((a) => a.dataType)) };
      throw new AnalysisException(
        `Cannot resolve ${params.sqlExpr} due to data type mismatch: The input ${'keys'} of function ${params.functionName} should all be the same type, but they are ${params.dataType}.`,
        { errorClass: 'DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
      );
    }
    const vt = values.length === 0 ? DataTypes.NullType : findCommonType(values.map((a) => a.dataType), ctx.ansiEnabled);
    if (vt === undefined) {
      const params = { sqlExpr: `"${sqlOf('map', args)}"`, functionName: '`map`', dataType: bracketTypeList(values.map((a) => a.dataType)) };
      throw new AnalysisException(
        `Cannot resolve ${params.sqlExpr} due to data type mismatch: The input values of function ${params.functionName} should all be the same type, but they are ${params.dataType}.`,
        { errorClass: 'DATATYPE_MISMATCH.CREATE_MAP_VALUE_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
      );
    }
    if (containsMap(kt)) throw invalidMapKeyType('map', args, kt);
    const out = args.map((a, i) => implicitCast(a, i % 2 === 0 ? kt : vt));
    return { args: out, dataType: new MapType(kt, vt, values.some(isNullable)), nullable: false };
  },
  (args, _types, _result, ctx) => {
    const lastWin = mapKeyLastWins(ctx);
    const n = args.length / 2;
    return (row) => {
      const keys = new Array<unknown>(n);
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        keys[i] = args[2 * i](row);
        values[i] = args[2 * i + 1](row);
      }
      return buildMap(keys, values, lastWin);
    };
  },
);

function fieldNameOf(e: Expression, i: number): string {
  if (e.kind === 'attribute' || e.kind === 'alias') return e.name;
  return `col${i + 1}`;
}

const structFn = scalar(
  'struct',
  (args) => {
    if (args.length === 0) throw wrongNumArgsError('struct', '> 0', 0);
    const fields = args.map((a, i) => new StructField(fieldNameOf(a, i), a.dataType, isNullable(a)));
    return { args, dataType: new StructType(fields), nullable: false };
  },
  evaluateAll,
);

const namedStructFn = scalar(
  'named_struct',
  (args) => {
    if (args.length % 2 !== 0 || args.length === 0) throw wrongNumArgsError('named_struct', '2n (n > 0)', args.length);
    const names: string[] = [];
    const fields: StructField[] = [];
    const values: Expression[] = [];
    for (let i = 0; i < args.length; i += 2) {
      const n = args[i];
      if (n.kind !== 'literal' || typeof n.value !== 'string') {
        const params = { sqlExpr: `"${sqlOf('named_struct', args)}"`, inputExprs: `"${prettySql(n)}"` };
        throw new AnalysisException(
          `Cannot resolve ${params.sqlExpr} due to data type mismatch: Only foldable \`STRING\` expressions are allowed to appear at odd position, but they are [${params.inputExprs}].`,
          { errorClass: 'DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING', sqlState: '42K09', messageParameters: params },
        );
      }
      names.push(n.value);
      fields.push(new StructField(n.value, args[i + 1].dataType, isNullable(args[i + 1])));
      values.push(args[i + 1]);
    }
    return { args: [...args], dataType: new StructType(fields), nullable: false };
  },
  (args) => {
    const values = args.filter((_, i) => i % 2 === 1);
    const n = values.length;
    return (row) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = values[i](row);
      return out;
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Array functions taking (array, element)

/** Spark's shared check for (array, value) functions: tightest common element type. */
function resolveArrayAndElement(name: string, args: Expression[], ctx: ResolveContext, allowNullValue: boolean): Expression[] {
  checkArity(ctx.name, args, 2);
  const [a, v] = args;
  if (!isArray(a.dataType)) {
    if (isNull(a.dataType) && allowNullValue) return args;
    throw unexpectedInputTypeError(sqlOf(name, args), 0, '"ARRAY"', prettySql(a), typeSql(a.dataType));
  }
  if (isNull(v.dataType) && !allowNullValue) throw nullTypeError(name, args);
  const common = findTightestCommonType(a.dataType.elementType, v.dataType, ctx.ansiEnabled);
  if (common === undefined) throw arrayFunctionDiffTypes(name, args, a.dataType, v.dataType);
  return [implicitCast(a, new ArrayType(common, a.dataType.containsNull)), implicitCast(v, common)];
}

const arrayContains = scalar(
  'array_contains',
  (args, ctx) => ({ args: resolveArrayAndElement('array_contains', args, ctx, false), dataType: DataTypes.BooleanType }),
  ([arr, value]) =>
    (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const v = value(row);
      if (v === null) return null;
      let sawNull = false;
      for (const e of a) {
        if (e === null) sawNull = true;
        else if (valuesEqual(e, v)) return true;
      }
      return sawNull ? null : false;
    },
);

const arrayPosition = scalar(
  'array_position',
  (args, ctx) => ({ args: resolveArrayAndElement('array_position', args, ctx, false), dataType: DataTypes.LongType }),
  ([arr, value]) =>
    nullSafe([arr, value], ([a, v]) => {
      const xs = a as unknown[];
      for (let i = 0; i < xs.length; i++) if (xs[i] !== null && valuesEqual(xs[i], v)) return BigInt(i + 1);
      return 0n;
    }),
);

const arrayRemove = scalar(
  'array_remove',
  (args, ctx) => {
    const out = resolveArrayAndElement('array_remove', args, ctx, true);
    return { args: out, dataType: out[0].dataType };
  },
  ([arr, value]) => nullSafe([arr, value], ([a, v]) => (a as unknown[]).filter((e) => e === null || !valuesEqual(e, v))),
);

function appendLike(name: 'array_append' | 'array_prepend'): ScalarFunction {
  return scalar(
    name,
    (args, ctx) => {
      checkArity(ctx.name, args, 2);
      const [a, v] = args;
      if (!isArray(a.dataType)) throw unexpectedInputTypeError(sqlOf(name, args), 0, '"ARRAY"', prettySql(a), typeSql(a.dataType));
      const common = findTightestCommonType(a.dataType.elementType, v.dataType, ctx.ansiEnabled);
      if (common === undefined) throw arrayFunctionDiffTypes(name, args, a.dataType, v.dataType);
      const t = new ArrayType(common, a.dataType.containsNull || isNullable(v));
      return { args: [implicitCast(a, t), implicitCast(v, common)], dataType: t };
    },
    ([arr, value]) =>
      (row) => {
        const a = arr(row) as unknown[] | null;
        if (a === null) return null;
        const v = value(row);
        return name === 'array_append' ? [...a, v] : [v, ...a];
      },
  );
}

const arrayInsert = scalar(
  'array_insert',
  (args, ctx) => {
    checkArity(ctx.name, args, 3);
    const [a, pos, v] = args;
    if (!isArray(a.dataType)) throw unexpectedInputTypeError(sqlOf('array_insert', args), 0, '"ARRAY"', prettySql(a), typeSql(a.dataType));
    if (!(pos.dataType.typeName() === 'integer' || pos.dataType.typeName() === 'short' || pos.dataType.typeName() === 'byte' || isNull(pos.dataType))) {
      throw unexpectedInputTypeError(sqlOf('array_insert', args), 1, '"INT"', prettySql(pos), typeSql(pos.dataType));
    }
    const common = findTightestCommonType(a.dataType.elementType, v.dataType, ctx.ansiEnabled);
    if (common === undefined || (isString(v.dataType) && !isString(a.dataType.elementType))) throw arrayFunctionDiffTypes('array_insert', args, a.dataType, v.dataType);
    const t = new ArrayType(common, true);
    return { args: [implicitCast(a, t), implicitCast(pos, DataTypes.IntegerType), implicitCast(v, common)], dataType: t };
  },
  ([arr, position, value], _types, _result, ctx) => {
    // spark.sql.legacy.negativeIndexInArrayInsert: -1 inserts before the last element.
    const legacy = (ctx.conf?.('spark.sql.legacy.negativeIndexInArrayInsert') ?? 'false').toLowerCase() === 'true';
    return (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const p = position(row) as number | null;
      if (p === null) return null;
      const v = value(row);
      if (p === 0) throw invalidIndexOfZero();
      if (p > 0) {
        const i = p - 1;
        if (i > a.length) return [...a, ...new Array<unknown>(i - a.length).fill(null), v];
        return [...a.slice(0, i), v, ...a.slice(i)];
      }
      // Negative positions count from the end; -1 appends after the last element.
      const i = a.length + p + (legacy ? 0 : 1);
      if (i < 0) return [v, ...new Array<unknown>(-i).fill(null), ...a];
      return [...a.slice(0, i), v, ...a.slice(i)];
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Array functions over one array

function oneArray(name: string, args: Expression[], ctx: ResolveContext): ArrayType {
  checkArity(ctx.name, args, 1);
  requireType(name, args, 0, isArray, '"ARRAY"');
  return args[0].dataType as ArrayType;
}

const arrayDistinct = scalar(
  'array_distinct',
  (args, ctx) => ({ args, dataType: oneArray('array_distinct', args, ctx) }),
  ([arr]) => nullSafe([arr], ([a]) => distinct(a as unknown[])),
);

function distinct(xs: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const x of xs) {
    const k = valueKey(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

const arrayCompact = scalar(
  'array_compact',
  (args, ctx) => {
    const t = oneArray('array_compact', args, ctx);
    return { args, dataType: new ArrayType(t.elementType, false) };
  },
  ([arr]) => nullSafe([arr], ([a]) => (a as unknown[]).filter((x) => x !== null)),
);

function arrayExtreme(name: 'array_max' | 'array_min'): ScalarFunction {
  const sign = name === 'array_max' ? 1 : -1;
  return scalar(
    name,
    (args, ctx) => {
      const t = oneArray(name, args, ctx);
      return { args, dataType: t.elementType };
    },
    ([arr]) =>
      nullSafe([arr], ([a]) => {
        let best: unknown = null;
        for (const x of a as unknown[]) if (x !== null && (best === null || sign * compareValues(x, best) > 0)) best = x;
        return best;
      }),
  );
}

const arraySize = scalar(
  'array_size',
  (args, ctx) => {
    checkArity(ctx.name, args, 1);
    requireType('array_size', args, 0, (t) => isArray(t) || isNull(t), '"ARRAY"');
    return { args, dataType: DataTypes.IntegerType };
  },
  ([arr]) => nullSafe([arr], ([a]) => (a as unknown[]).length),
);

const flatten = scalar(
  'flatten',
  (args, ctx) => {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (!(t instanceof ArrayType && t.elementType instanceof ArrayType)) {
      throw unexpectedInputTypeError(sqlOf('flatten', args), 0, '"ARRAY" of "ARRAY"', prettySql(args[0]), typeSql(t));
    }
    return { args, dataType: new ArrayType(t.elementType.elementType, t.elementType.containsNull) };
  },
  ([arr]) =>
    nullSafe([arr], ([a]) => {
      const out: unknown[] = [];
      for (const x of a as (unknown[] | null)[]) {
        if (x === null) return null;
        for (const y of x) out.push(y);
      }
      return out;
    }),
);

const sortArray = scalar(
  'sort_array',
  (args, ctx) => {
    checkArity(ctx.name, args, 1, 2);
    requireType('sort_array', args, 0, isArray, '"ARRAY"');
    const asc = args[1] ?? { kind: 'literal', value: true, dataType: DataTypes.BooleanType };
    if (args.length === 2) {
      if (asc.kind !== 'literal' && asc.kind !== 'cast') {
        const params = { sqlExpr: `"${sqlOf('sort_array', args)}"`, inputName: '`ascendingOrder`', inputType: '"BOOLEAN"', inputExpr: `"${prettySql(asc)}"` };
        throw new AnalysisException(
          `Cannot resolve ${params.sqlExpr} due to data type mismatch: the input ${params.inputName} should be a foldable ${params.inputType} expression; however, got ${params.inputExpr}.`,
          { errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', sqlState: '42K09', messageParameters: params },
        );
      }
      requireType('sort_array', args, 1, (t) => t.typeName() === 'boolean', '"BOOLEAN"');
    }
    return { args: [args[0], asc], dataType: args[0].dataType };
  },
  ([arr, asc]) =>
    (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const up = asc(row);
      if (up === null) return null;
      // Ascending puts NULLs first, descending puts them last.
      return up ? [...a].sort(compareNullsFirst) : [...a].sort((x, y) => compareNullsFirst(y, x));
    },
  (args) => `sort_array(${args.join(', ')})`,
);

const arrayRepeat = scalar(
  'array_repeat',
  (args, ctx) => {
    checkArity(ctx.name, args, 2);
    const count = args[1];
    if (!(count.dataType.typeName() === 'integer' || count.dataType.typeName() === 'short' || count.dataType.typeName() === 'byte' || isNull(count.dataType))) {
      throw unexpectedInputTypeError(sqlOf('array_repeat', args), 1, '"INT"', prettySql(count), typeSql(count.dataType));
    }
    return { args: [args[0], implicitCast(count, DataTypes.IntegerType)], dataType: new ArrayType(args[0].dataType, isNullable(args[0])) };
  },
  ([value, count]) =>
    (row) => {
      const n = count(row) as number | null;
      if (n === null) return null;
      if (n > 2147483632) throw tooLargeArray(n);
      return new Array<unknown>(Math.max(0, n)).fill(value(row));
    },
);

const slice = scalar(
  'slice',
  (args, ctx) => {
    checkArity(ctx.name, args, 3);
    requireType('slice', args, 0, isArray, '"ARRAY"');
    for (const i of [1, 2]) requireType('slice', args, i, (t) => t instanceof IntegralType && t.typeName() !== 'long' || isNull(t), '"INT"');
    return { args: [args[0], implicitCast(args[1], DataTypes.IntegerType), implicitCast(args[2], DataTypes.IntegerType)], dataType: args[0].dataType };
  },
  ([arr, start, length]) =>
    nullSafe([arr, start, length], ([a, s, l]) => {
      const xs = a as unknown[];
      const st = s as number;
      const len = l as number;
      if (st === 0) {
        throw new SparkException('The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.', {
          errorClass: 'INVALID_PARAMETER_VALUE.START',
          sqlState: '22023',
          messageParameters: { parameter: '`start`', functionName: '`slice`' },
        });
      }
      if (len < 0) {
        throw new SparkException(`The value of parameter(s) \`length\` in \`slice\` is invalid: Expects \`length\` greater than or equal to 0, but got ${len}.`, {
          errorClass: 'INVALID_PARAMETER_VALUE.LENGTH',
          sqlState: '22023',
          messageParameters: { parameter: '`length`', functionName: '`slice`', length: String(len) },
        });
      }
      const from = st > 0 ? st - 1 : xs.length + st;
      if (from < 0 || from >= xs.length) return [];
      return xs.slice(from, from + len);
    }),
);

function isComparableElement(t: DataType): boolean {
  return !(t instanceof MapType);
}

function setOperation(name: 'array_union' | 'array_intersect' | 'array_except'): ScalarFunction {
  return scalar(
    name,
    (args, ctx) => {
      checkArity(ctx.name, args, 2);
      const [l, r] = args;
      const lt = l.dataType;
      const rt = r.dataType;
      if (!isArray(lt) || !isArray(rt)) {
        const i = isArray(lt) ? 1 : 0;
        if (isArray(lt) || isArray(rt)) throw unexpectedInputTypeError(sqlOf(name, args), i, '"ARRAY"', prettySql(args[i]), typeSql(args[i].dataType));
        throw unexpectedInputTypeError(sqlOf(name, args), 0, '"ARRAY"', prettySql(l), typeSql(lt));
      }
      const common = findWiderType(lt, rt, ctx.ansiEnabled);
      if (common === undefined || !isArray(common) || !isComparableElement(common.elementType)) {
        const params = { sqlExpr: `"${sqlOf(name, args)}"`, functionName: quoteIdentifier(name), arrayType: '"ARRAY"', leftType: `"${typeSql(lt)}"`, rightType: `"${typeSql(rt)}"` };
        throw new AnalysisException(
          `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to function ${params.functionName} should have been two ${params.arrayType} with same element type, but it's [${params.leftType}, ${params.rightType}].`,
          { errorClass: 'DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
        );
      }
      const containsNull =
        name === 'array_union' ? lt.containsNull || rt.containsNull : name === 'array_intersect' ? lt.containsNull && rt.containsNull : lt.containsNull;
      const t = new ArrayType(common.elementType, containsNull);
      return { args: [implicitCast(l, new ArrayType(common.elementType, lt.containsNull)), implicitCast(r, new ArrayType(common.elementType, rt.containsNull))], dataType: t };
    },
    ([left, right]) =>
      nullSafe([left, right], ([a, b]) => {
        const xs = a as unknown[];
        const ys = b as unknown[];
        if (name === 'array_union') return distinct([...xs, ...ys]);
        const other = new Set(ys.map(valueKey));
        if (name === 'array_intersect') return distinct(xs.filter((x) => other.has(valueKey(x))));
        return distinct(xs.filter((x) => !other.has(valueKey(x))));
      }),
  );
}

const arraysOverlap = scalar(
  'arrays_overlap',
  (args, ctx) => {
    checkArity(ctx.name, args, 2);
    const [l, r] = args;
    if (!isArray(l.dataType)) throw unexpectedInputTypeError(sqlOf('arrays_overlap', args), 0, '"ARRAY"', prettySql(l), typeSql(l.dataType));
    if (!isArray(r.dataType)) throw unexpectedInputTypeError(sqlOf('arrays_overlap', args), 1, '"ARRAY"', prettySql(r), typeSql(r.dataType));
    const common = findWiderType(l.dataType, r.dataType, ctx.ansiEnabled);
    if (common === undefined || !isArray(common)) {
      const params = { sqlExpr: `"${sqlOf('arrays_overlap', args)}"`, functionName: '`arrays_overlap`', arrayType: '"ARRAY"', leftType: `"${typeSql(l.dataType)}"`, rightType: `"${typeSql(r.dataType)}"` };
      throw new AnalysisException(
        `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to function ${params.functionName} should have been two ${params.arrayType} with same element type, but it's [${params.leftType}, ${params.rightType}].`,
        { errorClass: 'DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
      );
    }
    return { args: [implicitCast(l, common), implicitCast(r, common)], dataType: DataTypes.BooleanType };
  },
  ([left, right]) =>
    nullSafe([left, right], ([a, b]) => {
      const xs = a as unknown[];
      const ys = b as unknown[];
      const keys = new Set(xs.filter((x) => x !== null).map(valueKey));
      let sawNull = xs.length > 0 && xs.some((x) => x === null);
      for (const y of ys) {
        if (y === null) sawNull = true;
        else if (keys.has(valueKey(y))) return true;
      }
      return sawNull && xs.length > 0 && ys.length > 0 ? null : false;
    }),
);

function isAtomicForStringCast(t: DataType): boolean {
  return !(t instanceof ArrayType || t instanceof MapType || t instanceof StructType || t.typeName() === 'binary');
}

const arrayJoin = scalar(
  'array_join',
  (args, ctx) => {
    checkArity(ctx.name, args, 2, 3);
    // Spark's implicit casts turn an array of any atomic type into ARRAY<STRING> (array_join(array(1, 2), ',')).
    requireType('array_join', args, 0, (t) => isArray(t) && isAtomicForStringCast(t.elementType), '"ARRAY<STRING>"');
    const out = [implicitCast(args[0], new ArrayType(DataTypes.StringType, true)), ...args.slice(1).map((a) => implicitCast(a, DataTypes.StringType))];
    return { args: out, dataType: DataTypes.StringType };
  },
  ([arr, delimiter, nullReplacement]) =>
    (row) => {
      const a = arr(row) as (string | null)[] | null;
      if (a === null) return null;
      const d = delimiter(row) as string | null;
      if (d === null) return null;
      const r = nullReplacement ? (nullReplacement(row) as string | null) : undefined;
      if (r === null) return null;
      const parts: string[] = [];
      for (const x of a) {
        if (x !== null) parts.push(x);
        else if (r !== undefined) parts.push(r);
      }
      return parts.join(d);
    },
);

const arraysZip = scalar(
  'arrays_zip',
  (args) => {
    args.forEach((_, i) => requireType('arrays_zip', args, i, (t) => isArray(t) || isNull(t), '"ARRAY"'));
    const elementType = (t: DataType) => (t instanceof ArrayType ? t.elementType : DataTypes.NullType);
    const fields = args.map((a, i) => new StructField(a.kind === 'attribute' || a.kind === 'alias' ? a.name : String(i), elementType(a.dataType), true));
    return { args, dataType: new ArrayType(new StructType(fields), false) };
  },
  (args) =>
    nullSafe(args, (vs) => {
      const arrays = vs as unknown[][];
      const n = Math.max(0, ...arrays.map((a) => a.length));
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(arrays.map((a) => (i < a.length ? a[i] : null)));
      return out;
    }),
);

const getFn = scalar(
  'get',
  (args, ctx) => {
    checkArity(ctx.name, args, 2);
    requireType('get', args, 0, isArray, '"ARRAY"');
    requireType('get', args, 1, (t) => (t instanceof IntegralType && t.typeName() !== 'long') || isNull(t), '"INT"');
    return { args: [args[0], implicitCast(args[1], DataTypes.IntegerType)], dataType: (args[0].dataType as ArrayType).elementType };
  },
  ([arr, index]) =>
    nullSafe([arr, index], ([a, i]) => {
      const xs = a as unknown[];
      const n = i as number;
      return n < 0 || n >= xs.length ? null : xs[n];
    }),
);

export const COLLECTION_FUNCTIONS: Fn[] = [
  { fn: arrayFn, aliases: [] },
  { fn: mapFn, aliases: [] },
  { fn: structFn, aliases: [] },
  { fn: namedStructFn, aliases: [] },
  { fn: arrayContains, aliases: [] },
  { fn: arrayPosition, aliases: [] },
  { fn: arrayRemove, aliases: [] },
  { fn: appendLike('array_append'), aliases: [] },
  { fn: appendLike('array_prepend'), aliases: [] },
  { fn: arrayInsert, aliases: [] },
  { fn: arrayDistinct, aliases: [] },
  { fn: arrayCompact, aliases: [] },
  { fn: arrayExtreme('array_max'), aliases: [] },
  { fn: arrayExtreme('array_min'), aliases: [] },
  { fn: arraySize, aliases: [] },
  { fn: flatten, aliases: [] },
  { fn: sortArray, aliases: [] },
  { fn: arrayRepeat, aliases: [] },
  { fn: slice, aliases: [] },
  { fn: setOperation('array_union'), aliases: [] },
  { fn: setOperation('array_intersect'), aliases: [] },
  { fn: setOperation('array_except'), aliases: [] },
  { fn: arraysOverlap, aliases: [] },
  { fn: arrayJoin, aliases: [] },
  { fn: arraysZip, aliases: [] },
  { fn: getFn, aliases: [] },
  { fn: sequence, aliases: [] },
  { fn: mapKeys, aliases: [] },
  { fn: mapValues, aliases: [] },
  { fn: mapEntries, aliases: [] },
  { fn: mapFromArrays, aliases: [] },
  { fn: mapFromEntries, aliases: [] },
  { fn: mapConcat, aliases: [] },
  { fn: mapContainsKey, aliases: [] },
  { fn: strToMap, aliases: [] },
];
