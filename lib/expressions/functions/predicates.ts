// Comparison and boolean operators, IN, BETWEEN and the IS [NOT] NULL/UNKNOWN tests, with SQL
// three-valued logic. Operand types are coerced by Spark's rules (type-coercion.ts).
import { DataTypes } from '../../types/data-types';
import { binaryOpDiffTypesError, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator, ResolveContext } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { compareValues, implicitCast, isBoolean, isNull, typeSql, valuesEqual } from '../type-utils';
import {
  ansiStringPromotion,
  binaryOpWrongTypeError,
  bracketTypeList,
  castAllTo,
  dataDiffTypesError,
  findCommonType,
  findComparisonType,
  findTightestCommonType,
  haveSameType,
  implicitCastType,
} from '../type-coercion';
import { checkArity } from './check-args';
import { constantOf } from '../constant-evaluator';

/** Both operands of a comparison cast to their common type, or BINARY_OP_DIFF_TYPES. */
export function coerceComparison(symbol: string, l: Expression, r: Expression, ansi: boolean, equality: boolean): [Expression, Expression] {
  const t = findComparisonType(l.dataType, r.dataType, ansi, equality);
  if (t === undefined) throw binaryOpDiffTypesError(`(${prettySql(l)} ${symbol} ${prettySql(r)})`, typeSql(l.dataType), typeSql(r.dataType));
  return [implicitCast(l, t), implicitCast(r, t)];
}

/**
 * Types whose JS values order like Spark's with plain `<`/`===`: no NaN (doubles order NaN above
 * everything in Spark) and no objects. Comparisons on these skip the generic comparator per row.
 */
const PLAIN_ORDER = new Set(['byte', 'short', 'integer', 'long', 'string', 'date', 'timestamp', 'timestamp_ntz', 'boolean']);

const DIRECT: Record<string, (a: never, b: never) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function comparison(name: string, test: (c: number) => boolean): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      return { args: coerceComparison(name, args[0], args[1], ctx.ansiEnabled, false), dataType: DataTypes.BooleanType, nullable: true };
    },
    compile([l, r], argTypes) {
      const direct = DIRECT[name] as ((a: unknown, b: unknown) => boolean) | undefined;
      if (direct && argTypes[0].equals(argTypes[1]) && PLAIN_ORDER.has(argTypes[0].typeName())) {
        const constant = constantOf(r)?.value;
        if (constant !== undefined && constant !== null) {
          return (row) => {
            const a = l(row);
            return a === null ? null : direct(a, constant);
          };
        }
        return (row) => {
          const a = l(row);
          if (a === null) return null;
          const b = r(row);
          if (b === null) return null;
          return direct(a, b);
        };
      }
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return test(compareValues(a, b));
      };
    },
    sql: (args) => `(${args[0]} ${name} ${args[1]})`,
  };
}

export const equalTo: ScalarFunction = {
  kind: 'scalar',
  name: '=',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args: coerceComparison('=', args[0], args[1], ctx.ansiEnabled, true), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([l, r], argTypes) {
    if (argTypes[0].equals(argTypes[1]) && PLAIN_ORDER.has(argTypes[0].typeName())) {
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return a === b;
      };
    }
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      return valuesEqual(a, b);
    };
  },
  sql: (args) => `(${args[0]} = ${args[1]})`,
};

/** `a != b` and `a <> b` are `NOT (a = b)` in Spark, and named so. */
export const notEqual: ScalarFunction = {
  ...equalTo,
  name: '!=',
  compile(args, argTypes, resultType, ctx) {
    const eq = equalTo.compile(args, argTypes, resultType, ctx);
    return (row) => {
      const v = eq(row);
      return v === null ? null : !v;
    };
  },
  sql: (args) => `(NOT (${args[0]} = ${args[1]}))`,
};

function nullSafeEqual(name: string, sql: (args: string[]) => string): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      return { args: coerceComparison('<=>', args[0], args[1], ctx.ansiEnabled, true), dataType: DataTypes.BooleanType, nullable: false };
    },
    compile([l, r]) {
      return (row) => {
        const a = l(row);
        const b = r(row);
        if (a === null || b === null) return a === b;
        return valuesEqual(a, b);
      };
    },
    sql,
  };
}

export const equalNullSafe = nullSafeEqual('<=>', (args) => `(${args[0]} <=> ${args[1]})`);

/** `equal_null(a, b)`: `<=>` under its function name. */
export const equalNull = nullSafeEqual('equal_null', (args) => `equal_null(${args[0]}, ${args[1]})`);

/** AND/OR are binary operators over BOOLEAN: operand types must agree, then be boolean. */
function resolveLogical(symbol: string, args: Expression[], ctx: ResolveContext): Expression[] {
  checkArity(ctx.name, args, 2);
  let [l, r] = args;
  const sqlExpr = `(${prettySql(l)} ${symbol} ${prettySql(r)})`;
  if (ctx.ansiEnabled) {
    const promoted = ansiStringPromotion(l.dataType, r.dataType);
    if (promoted !== undefined) {
      l = implicitCast(l, promoted);
      r = implicitCast(r, promoted);
    }
  }
  const t = findTightestCommonType(l.dataType, r.dataType, ctx.ansiEnabled);
  if (t === undefined) throw binaryOpDiffTypesError(sqlExpr, typeSql(l.dataType), typeSql(r.dataType));
  if (!isBoolean(t) && !isNull(t)) throw binaryOpWrongTypeError(sqlExpr, 'BOOLEAN', t);
  return [implicitCast(l, DataTypes.BooleanType), implicitCast(r, DataTypes.BooleanType)];
}

export const and: ScalarFunction = {
  kind: 'scalar',
  name: 'and',
  resolve(args, ctx) {
    return { args: resolveLogical('AND', args, ctx), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([l, r]) {
    return (row) => {
      const a = l(row);
      if (a === false) return false;
      const b = r(row);
      if (b === false) return false;
      return a === null || b === null ? null : true;
    };
  },
  sql: (args) => `(${args[0]} AND ${args[1]})`,
};

export const or: ScalarFunction = {
  kind: 'scalar',
  name: 'or',
  resolve(args, ctx) {
    return { args: resolveLogical('OR', args, ctx), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([l, r]) {
    return (row) => {
      const a = l(row);
      if (a === true) return true;
      const b = r(row);
      if (b === true) return true;
      return a === null || b === null ? null : false;
    };
  },
  sql: (args) => `(${args[0]} OR ${args[1]})`,
};

/** A BOOLEAN argument with Spark's implicit casts (NULL; strings under ANSI), else UNEXPECTED_INPUT_TYPE. */
function booleanArgument(sqlExpr: string, args: Expression[], index: number, ansi: boolean, allowCast = true): Expression {
  const a = args[index];
  const t = allowCast ? implicitCastType(a.dataType, DataTypes.BooleanType, ansi) : isBoolean(a.dataType) || isNull(a.dataType) ? a.dataType : undefined;
  if (t === undefined) throw unexpectedInputTypeError(sqlExpr, index, '"BOOLEAN"', prettySql(a), typeSql(a.dataType));
  return implicitCast(a, DataTypes.BooleanType);
}

export const not: ScalarFunction = {
  kind: 'scalar',
  name: 'not',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: [booleanArgument(`(NOT ${prettySql(args[0])})`, args, 0, ctx.ansiEnabled)], dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([c]) {
    return (row) => {
      const v = c(row);
      return v === null ? null : !v;
    };
  },
  sql: (args) => `(NOT ${args[0]})`,
};

function nullTest(name: string, wantNull: boolean, label: 'NULL' | 'UNKNOWN'): ScalarFunction {
  const render = (arg: string) => `(${arg} IS ${wantNull ? '' : 'NOT '}${label})`;
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      // IS [NOT] UNKNOWN takes a BOOLEAN without implicit casts (Spark's ExpectsInputTypes).
      const checked = label === 'UNKNOWN' ? [booleanArgument(render(prettySql(args[0])), args, 0, ctx.ansiEnabled, false)] : args;
      return { args: checked, dataType: DataTypes.BooleanType, nullable: false };
    },
    compile([c]): Evaluator {
      return wantNull ? (row) => c(row) === null : (row) => c(row) !== null;
    },
    sql: (args) => render(args[0]),
  };
}

/** `value IN (e1, e2...)`: true on a match; else null if the value or any element is null. */
export const inList: ScalarFunction = {
  kind: 'scalar',
  name: 'in',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, Infinity);
    const types = args.map((a) => a.dataType);
    if (haveSameType(types)) return { args, dataType: DataTypes.BooleanType, nullable: true };
    const common = findCommonType(types, ctx.ansiEnabled);
    if (common === undefined) throw dataDiffTypesError(inSql(args.map(prettySql)), 'in', bracketTypeList(types));
    return { args: castAllTo(args, common), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([value, ...list]) {
    const n = list.length;
    return (row) => {
      const v = value(row);
      if (v === null) return null;
      let sawNull = false;
      for (let i = 0; i < n; i++) {
        const e = list[i](row);
        if (e === null) sawNull = true;
        else if (valuesEqual(v, e)) return true;
      }
      return sawNull ? null : false;
    };
  },
  sql: (args) => inSql(args),
};

function inSql(args: string[]): string {
  return `(${args[0]} IN (${args.slice(1).join(', ')}))`;
}

/**
 * `between(x, lo, hi)` is `x >= lo AND x <= hi` (each comparison coerced on its own), named
 * `between(x, lo, hi)` as Spark 4's Between. Resolved args: [x, lo, x, hi] after coercion.
 */
export const between: ScalarFunction = {
  kind: 'scalar',
  name: 'between',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const [x1, lo] = coerceComparison('>=', args[0], args[1], ctx.ansiEnabled, false);
    const [x2, hi] = coerceComparison('<=', args[0], args[2], ctx.ansiEnabled, false);
    return { args: [x1, lo, x2, hi], dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([x1, lo, x2, hi]) {
    return (row) => {
      const a = x1(row);
      const l = lo(row);
      const ge = a === null || l === null ? null : compareValues(a, l) >= 0;
      if (ge === false) return false;
      const b = x2(row);
      const h = hi(row);
      const le = b === null || h === null ? null : compareValues(b, h) <= 0;
      if (le === false) return false;
      return ge === null || le === null ? null : true;
    };
  },
  sql: (args) => `between(${args[0]}, ${args[1]}, ${args[3]})`,
};

export const PREDICATE_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: equalTo, aliases: ['=='] },
  { fn: notEqual, aliases: ['<>'] },
  { fn: equalNullSafe, aliases: [] },
  { fn: equalNull, aliases: [] },
  { fn: comparison('<', (c) => c < 0), aliases: [] },
  { fn: comparison('<=', (c) => c <= 0), aliases: [] },
  { fn: comparison('>', (c) => c > 0), aliases: [] },
  { fn: comparison('>=', (c) => c >= 0), aliases: [] },
  { fn: and, aliases: [] },
  { fn: or, aliases: [] },
  { fn: not, aliases: ['!'] },
  { fn: nullTest('isnull', true, 'NULL'), aliases: [] },
  { fn: nullTest('isnotnull', false, 'NULL'), aliases: [] },
  { fn: nullTest('isunknown', true, 'UNKNOWN'), aliases: [] },
  { fn: nullTest('isnotunknown', false, 'UNKNOWN'), aliases: [] },
  { fn: inList, aliases: [] },
  { fn: between, aliases: [] },
];
