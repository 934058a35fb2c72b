// Built-in higher-order functions (registered in builtin-functions.ts): functions taking lambdas,
// `transform(a, x -> x + 1)`. The resolver asks `lambdaParams` for each lambda's parameter types,
// resolves the body, then calls `resolve` with the lambdas as LambdaFunction arguments; compiled
// lambdas are driven through their parameter cells (lib/expressions/lambda.ts).
import { DataType, DataTypes, ArrayType, MapType } from '../../types/data-types';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction, ResolveContext } from '../function-definition';
import type { Expression, LambdaFunction } from '../expression';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import { lambdaOf } from '../lambda';
import { findTightestCommonType } from '../type-coercion';
import { compareValues, implicitCast, isNull, sameType, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { buildMap, mapKeyLastWins, valueKey } from './collection-helpers';

type Param = { dataType: DataType; nullable: boolean };

function sqlOf(name: string, args: readonly Expression[]): string {
  return `${name}(${args.map(prettySql).join(', ')})`;
}

function requireArray(name: string, args: readonly Expression[], i: number): ArrayType {
  const t = args[i]?.dataType;
  if (!(t instanceof ArrayType)) throw unexpectedInputTypeError(sqlOf(name, args), i, '"ARRAY"', prettySql(args[i]), typeSql(t));
  return t;
}

function requireMap(name: string, args: readonly Expression[], i: number): MapType {
  const t = args[i]?.dataType;
  if (!(t instanceof MapType)) throw unexpectedInputTypeError(sqlOf(name, args), i, '"MAP"', prettySql(args[i]), typeSql(t));
  return t;
}

function requireLambda(name: string, args: readonly Expression[], i: number): LambdaFunction {
  const a = args[i];
  if (a?.kind !== 'lambdaFunction') throw unexpectedInputTypeError(sqlOf(name, args), i, '"LAMBDA FUNCTION"', a ? prettySql(a) : '', a ? typeSql(a.dataType) : 'NULL');
  return a;
}

function requireBooleanLambda(name: string, args: readonly Expression[], i: number): LambdaFunction {
  const f = requireLambda(name, args, i);
  if (f.dataType.typeName() !== 'boolean') throw unexpectedInputTypeError(sqlOf(name, args), i, '"BOOLEAN"', prettySql(f), typeSql(f.dataType));
  return f;
}

const elementParam = (t: ArrayType): Param => ({ dataType: t.elementType, nullable: t.containsNull });
const indexParam: Param = { dataType: DataTypes.IntegerType, nullable: false };

function hof(
  name: string,
  arity: [number, number],
  lambdaParams: (index: number, args: readonly Expression[], ctx: ResolveContext) => { params: Param[]; accepts?: number[] },
  resolve: (args: Expression[], ctx: ResolveContext) => { args: Expression[]; dataType: DataType; nullable?: boolean },
  compile: ScalarFunction['compile'],
): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    lambdaParams(index, args, ctx) {
      return lambdaParams(index, args, ctx);
    },
    // aggregate(a, zero, merge) is named with Spark's implicit identity finish.
    ...(name === 'aggregate' || name === 'reduce'
      ? { sql: (args: string[]) => `${name}(${[...args, ...(args.length === 3 ? ['lambdafunction(namedlambdavariable(), namedlambdavariable())'] : [])].join(', ')})` }
      : {}),
    resolve(args, ctx) {
      checkArity(ctx.name, args, arity[0], arity[1]);
      return resolve(args, ctx);
    },
    compile,
  };
}

// ---------------------------------------------------------------------------------------------
// Array functions

const transform = hof(
  'transform',
  [2, 2],
  (_i, args) => ({ params: [elementParam(requireArray('transform', args, 0)), indexParam], accepts: [1, 2] }),
  (args) => {
    requireArray('transform', args, 0);
    const f = requireLambda('transform', args, 1);
    return { args, dataType: new ArrayType(f.dataType, isNullable(f.body)) };
  },
  ([arr, fn]) => {
    const { cells, body } = lambdaOf(fn);
    const [x, i] = cells;
    return (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const out = new Array<unknown>(a.length);
      for (let k = 0; k < a.length; k++) {
        x.value = a[k];
        if (i) i.value = k;
        out[k] = body(row);
      }
      return out;
    };
  },
);

const filter = hof(
  'filter',
  [2, 2],
  (_i, args) => ({ params: [elementParam(requireArray('filter', args, 0)), indexParam], accepts: [1, 2] }),
  (args) => {
    const t = requireArray('filter', args, 0);
    requireBooleanLambda('filter', args, 1);
    return { args, dataType: t };
  },
  ([arr, fn]) => {
    const { cells, body } = lambdaOf(fn);
    const [x, i] = cells;
    return (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      const out: unknown[] = [];
      for (let k = 0; k < a.length; k++) {
        x.value = a[k];
        if (i) i.value = k;
        if (body(row) === true) out.push(a[k]);
      }
      return out;
    };
  },
);

/** exists / forall with SQL's three-valued logic: an undecided NULL predicate makes the result NULL. */
function quantifier(name: 'exists' | 'forall'): ScalarFunction {
  const decisive = name === 'exists';
  return hof(
    name,
    [2, 2],
    (_i, args) => ({ params: [elementParam(requireArray(name, args, 0))] }),
    (args) => {
      requireArray(name, args, 0);
      requireBooleanLambda(name, args, 1);
      return { args, dataType: DataTypes.BooleanType };
    },
    ([arr, fn]) => {
      const { cells, body } = lambdaOf(fn);
      const [x] = cells;
      return (row) => {
        const a = arr(row) as unknown[] | null;
        if (a === null) return null;
        let sawNull = false;
        for (const e of a) {
          x.value = e;
          const r = body(row);
          if (r === null) sawNull = true;
          else if (r === decisive) return decisive;
        }
        return sawNull ? null : !decisive;
      };
    },
  );
}

function aggregateFn(name: 'aggregate' | 'reduce'): ScalarFunction {
  return hof(
    name,
    [3, 4],
    (i, args) => {
      const t = requireArray(name, args, 0);
      const zero = args[1];
      if (i === 2) return { params: [{ dataType: zero.dataType, nullable: true }, elementParam(t)] };
      return { params: [{ dataType: zero.dataType, nullable: true }] };
    },
    (args) => {
      requireArray(name, args, 0);
      const [, zero] = args;
      const merge = requireLambda(name, args, 2);
      if (!sameType(zero.dataType, merge.dataType)) {
        throw unexpectedInputTypeError(sqlOf(name, args), 2, `"${typeSql(zero.dataType)}"`, prettySql(merge), typeSql(merge.dataType));
      }
      const finish = args.length > 3 ? requireLambda(name, args, 3) : undefined;
      return { args, dataType: finish ? finish.dataType : zero.dataType };
    },
    ([arr, zero, merge, finish]) => {
      const m = lambdaOf(merge);
      const f = finish ? lambdaOf(finish) : undefined;
      const [acc, x] = m.cells;
      return (row) => {
        const a = arr(row) as unknown[] | null;
        if (a === null) return null;
        let value = zero(row);
        for (const e of a) {
          acc.value = value;
          x.value = e;
          value = m.body(row);
        }
        if (!f) return value;
        f.cells[0].value = value;
        return f.body(row);
      };
    },
  );
}

const zipWith = hof(
  'zip_with',
  [3, 3],
  (_i, args) => ({ params: [elementParam(requireArray('zip_with', args, 0)), elementParam(requireArray('zip_with', args, 1))].map((p) => ({ ...p, nullable: true })) }),
  (args) => {
    requireArray('zip_with', args, 0);
    requireArray('zip_with', args, 1);
    const f = requireLambda('zip_with', args, 2);
    return { args, dataType: new ArrayType(f.dataType, isNullable(f.body)) };
  },
  ([left, right, fn]) => {
    const { cells, body } = lambdaOf(fn);
    const [x, y] = cells;
    return (row) => {
      const a = left(row) as unknown[] | null;
      if (a === null) return null;
      const b = right(row) as unknown[] | null;
      if (b === null) return null;
      const n = Math.max(a.length, b.length);
      const out = new Array<unknown>(n);
      for (let k = 0; k < n; k++) {
        x.value = k < a.length ? a[k] : null;
        y.value = k < b.length ? b[k] : null;
        out[k] = body(row);
      }
      return out;
    };
  },
);

/** Ascending with NULLs last: array_sort's order when no comparator is given. */
function compareNullsLast(a: unknown, b: unknown): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareValues(a, b);
}

const arraySort = hof(
  'array_sort',
  [1, 2],
  (_i, args) => {
    const p = elementParam(requireArray('array_sort', args, 0));
    return { params: [p, p] };
  },
  (args) => {
    const t = requireArray('array_sort', args, 0);
    if (args.length === 2) {
      const f = requireLambda('array_sort', args, 1);
      if (f.dataType.typeName() !== 'integer') throw unexpectedInputTypeError(sqlOf('array_sort', args), 1, '"INT"', prettySql(f), typeSql(f.dataType));
    } else if (t.elementType instanceof MapType) {
      throw unexpectedInputTypeError(sqlOf('array_sort', args), 0, '"ARRAY"', prettySql(args[0]), typeSql(t));
    }
    return { args, dataType: t };
  },
  ([arr, fn]) => {
    if (!fn) {
      return (row) => {
        const a = arr(row) as unknown[] | null;
        return a === null ? null : [...a].sort(compareNullsLast);
      };
    }
    const { cells, body } = lambdaOf(fn);
    const [l, r] = cells;
    return (row) => {
      const a = arr(row) as unknown[] | null;
      if (a === null) return null;
      return [...a].sort((x, y) => {
        l.value = x;
        r.value = y;
        const c = body(row);
        if (c === null) {
          throw new SparkException(`The comparator has returned a NULL for a comparison between ${String(x)} and ${String(y)}. It should return a positive integer for "greater than", 0 for "equal" and a negative integer for "less than". To revert to deprecated behavior where NULL is treated as 0 (equal), you must set "spark.sql.legacy.allowNullComparisonResultInArraySort" to "true".`, {
            errorClass: 'COMPARATOR_RETURNS_NULL',
            sqlState: '22004',
            messageParameters: { firstValue: String(x), secondValue: String(y) },
          });
        }
        return c as number;
      });
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Map functions

function keyValueParams(name: string, args: readonly Expression[]): Param[] {
  const t = requireMap(name, args, 0);
  return [
    { dataType: t.keyType, nullable: false },
    { dataType: t.valueType, nullable: t.valueContainsNull },
  ];
}


function mapTransform(name: 'transform_keys' | 'transform_values'): ScalarFunction {
  return hof(
    name,
    [2, 2],
    (_i, args) => ({ params: keyValueParams(name, args) }),
    (args) => {
      const t = requireMap(name, args, 0);
      const f = requireLambda(name, args, 1);
      return { args, dataType: name === 'transform_keys' ? new MapType(f.dataType, t.valueType, t.valueContainsNull) : new MapType(t.keyType, f.dataType, isNullable(f.body)) };
    },
    ([map, fn], _types, _result, ctx) => {
      const { cells, body } = lambdaOf(fn);
      const [k, v] = cells;
      const lastWin = mapKeyLastWins(ctx);
      return (row) => {
        const m = map(row) as Map<unknown, unknown> | null;
        if (m === null) return null;
        const entries: [unknown, unknown][] = [];
        for (const [key, value] of m) {
          k.value = key;
          v.value = value;
          const r = body(row);
          entries.push(name === 'transform_keys' ? [r, value] : [key, r]);
        }
        if (name === 'transform_values') return new Map(entries);
        return buildMap(
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          lastWin,
        );
      };
    },
  );
}

const mapFilter = hof(
  'map_filter',
  [2, 2],
  (_i, args) => ({ params: keyValueParams('map_filter', args) }),
  (args) => {
    const t = requireMap('map_filter', args, 0);
    requireBooleanLambda('map_filter', args, 1);
    return { args, dataType: t };
  },
  ([map, fn]) => {
    const { cells, body } = lambdaOf(fn);
    const [k, v] = cells;
    return (row) => {
      const m = map(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const out = new Map<unknown, unknown>();
      for (const [key, value] of m) {
        k.value = key;
        v.value = value;
        if (body(row) === true) out.set(key, value);
      }
      return out;
    };
  },
);

const mapZipWith = hof(
  'map_zip_with',
  [3, 3],
  (_i, args, ctx) => {
    const a = requireMap('map_zip_with', args, 0);
    const b = requireMap('map_zip_with', args, 1);
    const kt = findTightestCommonType(a.keyType, b.keyType, ctx.ansiEnabled) ?? a.keyType;
    return {
      params: [
        { dataType: kt, nullable: false },
        { dataType: a.valueType, nullable: true },
        { dataType: b.valueType, nullable: true },
      ],
    };
  },
  (args, ctx) => {
    const a = requireMap('map_zip_with', args, 0);
    const b = requireMap('map_zip_with', args, 1);
    const kt = findTightestCommonType(a.keyType, b.keyType, ctx.ansiEnabled);
    if (kt === undefined || isNull(kt)) {
      const params = { sqlExpr: `"${sqlOf('map_zip_with', args)}"`, functionName: '`map_zip_with`', leftType: `"${typeSql(a.keyType)}"`, rightType: `"${typeSql(b.keyType)}"` };
      throw new AnalysisException(
        `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to the ${params.functionName} should have been two maps with compatible key types, but it's [${params.leftType}, ${params.rightType}].`,
        { errorClass: 'DATATYPE_MISMATCH.MAP_ZIP_WITH_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
      );
    }
    const f = requireLambda('map_zip_with', args, 2);
    const out = [implicitCast(args[0], new MapType(kt, a.valueType, a.valueContainsNull)), implicitCast(args[1], new MapType(kt, b.valueType, b.valueContainsNull)), f];
    return { args: out, dataType: new MapType(kt, f.dataType, isNullable(f.body)) };
  },
  ([left, right, fn]) => {
    const { cells, body } = lambdaOf(fn);
    const [k, v1, v2] = cells;
    return (row) => {
      const a = left(row) as Map<unknown, unknown> | null;
      if (a === null) return null;
      const b = right(row) as Map<unknown, unknown> | null;
      if (b === null) return null;
      const bByKey = new Map<unknown, unknown>();
      for (const [key, value] of b) bByKey.set(valueKey(key), value);
      const keys: unknown[] = [];
      const seen = new Set<unknown>();
      for (const key of [...a.keys(), ...b.keys()]) {
        const id = valueKey(key);
        if (seen.has(id)) continue;
        seen.add(id);
        keys.push(key);
      }
      const aByKey = new Map<unknown, unknown>();
      for (const [key, value] of a) aByKey.set(valueKey(key), value);
      const out = new Map<unknown, unknown>();
      for (const key of keys) {
        const id = valueKey(key);
        k.value = key;
        v1.value = aByKey.has(id) ? aByKey.get(id) : null;
        v2.value = bByKey.has(id) ? bByKey.get(id) : null;
        out.set(key, body(row));
      }
      return out;
    };
  },
);

export const HIGHER_ORDER_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: transform, aliases: [] },
  { fn: filter, aliases: [] },
  { fn: quantifier('exists'), aliases: [] },
  { fn: quantifier('forall'), aliases: [] },
  { fn: aggregateFn('aggregate'), aliases: [] },
  { fn: aggregateFn('reduce'), aliases: [] },
  { fn: zipWith, aliases: [] },
  { fn: arraySort, aliases: [] },
  { fn: mapTransform('transform_keys'), aliases: [] },
  { fn: mapTransform('transform_values'), aliases: [] },
  { fn: mapFilter, aliases: [] },
  { fn: mapZipWith, aliases: [] },
];
