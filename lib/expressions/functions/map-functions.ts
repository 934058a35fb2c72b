// Map functions: map_keys, map_values, map_entries, map_from_arrays, map_from_entries, map_concat,
// map_contains_key, str_to_map.
import { DataTypes, ArrayType, MapType } from '../../types/data-types';
import { StructType, StructField } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { Expression } from '../expression';
import type { ResolveContext } from '../function-definition';
import { prettySql } from '../expression-sql';
import { bracketTypeList, dataDiffTypesError, findCommonType, findTightestCommonType } from '../type-coercion';
import { implicitCast, isNull, isString, typeSql, valuesEqual } from '../type-utils';
import { checkArity } from './check-args';
import { buildMap, isArray, isMap, mapKeyLastWins, nullSafe, requireType, scalar, sqlOf } from './collection-helpers';

function oneMap(name: string, args: Expression[], ctx: ResolveContext): MapType {
  checkArity(ctx.name, args, 1);
  requireType(name, args, 0, isMap, '"MAP"');
  return args[0].dataType as MapType;
}

export const mapKeys = scalar(
  'map_keys',
  (args, ctx) => ({ args, dataType: new ArrayType(oneMap('map_keys', args, ctx).keyType, false) }),
  ([m]) => nullSafe([m], ([v]) => [...(v as Map<unknown, unknown>).keys()]),
);

export const mapValues = scalar(
  'map_values',
  (args, ctx) => {
    const t = oneMap('map_values', args, ctx);
    return { args, dataType: new ArrayType(t.valueType, t.valueContainsNull) };
  },
  ([m]) => nullSafe([m], ([v]) => [...(v as Map<unknown, unknown>).values()]),
);

export const mapEntries = scalar(
  'map_entries',
  (args, ctx) => {
    const t = oneMap('map_entries', args, ctx);
    return { args, dataType: new ArrayType(new StructType([new StructField('key', t.keyType, false), new StructField('value', t.valueType, t.valueContainsNull)]), false) };
  },
  ([m]) => nullSafe([m], ([v]) => [...(v as Map<unknown, unknown>).entries()].map(([k, x]) => [k, x])),
);

export const mapFromArrays = scalar(
  'map_from_arrays',
  (args, ctx) => {
    checkArity(ctx.name, args, 2);
    requireType('map_from_arrays', args, 0, isArray, '"ARRAY"');
    requireType('map_from_arrays', args, 1, isArray, '"ARRAY"');
    const kt = (args[0].dataType as ArrayType).elementType;
    const vt = args[1].dataType as ArrayType;
    return { args, dataType: new MapType(kt, vt.elementType, vt.containsNull) };
  },
  ([keys, values], _types, _result, ctx) =>
    nullSafe([keys, values], ([k, v]) => {
      const ks = k as unknown[];
      const vs = v as unknown[];
      if (ks.length !== vs.length) {
        throw new SparkException('The key array and value array of MapData must have the same length.', { errorClass: 'INVALID_PARAMETER_VALUE' as string, sqlState: '22023' });
      }
      return buildMap(ks, vs, mapKeyLastWins(ctx));
    }),
);

export const mapFromEntries = scalar(
  'map_from_entries',
  (args, ctx) => {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (!(t instanceof ArrayType && t.elementType instanceof StructType && t.elementType.fields.length === 2)) {
      throw unexpectedInputTypeError(sqlOf('map_from_entries', args), 0, '"ARRAY" of pair "STRUCT"', prettySql(args[0]), typeSql(t));
    }
    const [kf, vf] = t.elementType.fields;
    return { args, dataType: new MapType(kf.dataType, vf.dataType, vf.nullable) };
  },
  ([arr], _types, _result, ctx) =>
    nullSafe([arr], ([a]) => {
      const entries = a as (unknown[] | null)[];
      if (entries.some((e) => e === null)) return null;
      return buildMap(
        entries.map((e) => e![0]),
        entries.map((e) => e![1]),
        mapKeyLastWins(ctx),
      );
    }),
);

export const mapConcat = scalar(
  'map_concat',
  (args, ctx) => {
    args.forEach((_, i) => requireType('map_concat', args, i, isMap, '"MAP"'));
    if (args.length === 0) return { args, dataType: new MapType(DataTypes.StringType, DataTypes.StringType, false) };
    const common = findCommonType(args.map((a) => a.dataType), ctx.ansiEnabled);
    if (common === undefined) throw dataDiffTypesError(sqlOf('map_concat', args), 'map_concat', bracketTypeList(args.map((a) => a.dataType)));
    return { args: args.map((a) => implicitCast(a, common)), dataType: common };
  },
  (args, _types, _result, ctx) =>
    nullSafe(args, (ms) => {
      const keys: unknown[] = [];
      const values: unknown[] = [];
      for (const m of ms as Map<unknown, unknown>[]) for (const [k, v] of m) keys.push(k), values.push(v);
      return buildMap(keys, values, mapKeyLastWins(ctx));
    }),
);

export const mapContainsKey = scalar(
  'map_contains_key',
  (args, ctx) => {
    checkArity(ctx.name, args, 2);
    const [m, k] = args;
    requireType('map_contains_key', args, 0, isMap, '"MAP"');
    const kt = (m.dataType as MapType).keyType;
    const common = findTightestCommonType(kt, k.dataType, ctx.ansiEnabled);
    if (common === undefined || isNull(k.dataType)) {
      const params = { sqlExpr: `"${sqlOf('map_contains_key', args)}"`, functionName: '`map_contains_key`', dataType: '"MAP"', leftType: `"${typeSql(m.dataType)}"`, rightType: `"${typeSql(k.dataType)}"` };
      throw new AnalysisException(
        `Cannot resolve ${params.sqlExpr} due to data type mismatch: Input to ${params.functionName} should have been ${params.dataType} followed by a value with same key type, but it's [${params.leftType}, ${params.rightType}].`,
        { errorClass: 'DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
      );
    }
    const mt = m.dataType as MapType;
    return { args: [implicitCast(m, new MapType(common, mt.valueType, mt.valueContainsNull)), implicitCast(k, common)], dataType: DataTypes.BooleanType };
  },
  ([map, key]) =>
    nullSafe([map, key], ([m, k]) => {
      for (const x of (m as Map<unknown, unknown>).keys()) if (valuesEqual(x, k)) return true;
      return false;
    }),
);

export const strToMap = scalar(
  'str_to_map',
  (args, ctx) => {
    checkArity(ctx.name, args, 1, 3);
    const out = args.map((a, i) => {
      if (!isString(a.dataType) && !isNull(a.dataType)) throw unexpectedInputTypeError(sqlOf('str_to_map', args), i, '"STRING"', prettySql(a), typeSql(a.dataType));
      return implicitCast(a, DataTypes.StringType);
    });
    while (out.length < 3) out.push({ kind: 'literal', value: out.length === 1 ? ',' : ':', dataType: DataTypes.StringType });
    return { args: out, dataType: new MapType(DataTypes.StringType, DataTypes.StringType, true) };
  },
  ([text, pairDelim, keyValueDelim], _types, _result, ctx) =>
    nullSafe([text, pairDelim, keyValueDelim], ([t, p, kv]) => {
      // Delimiters are Java regular expressions; plain text is the common case.
      const split = (s: string, d: string, limit?: number): string[] => {
        const re = new RegExp(d);
        const parts = s.split(re);
        if (limit === undefined || parts.length <= limit) return parts;
        const m = re.exec(s)!;
        return [s.slice(0, m.index), s.slice(m.index + m[0].length)];
      };
      const keys: unknown[] = [];
      const values: unknown[] = [];
      for (const pair of split(t as string, p as string)) {
        const [k, v] = split(pair, kv as string, 2);
        keys.push(k);
        values.push(v ?? null);
      }
      return buildMap(keys, values, mapKeyLastWins(ctx));
    }),
);
