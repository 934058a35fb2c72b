// Conditional functions: coalesce, nvl / ifnull, nvl2, nullif, if, and the branch-type coercion
// of CASE WHEN (used by the analyzer). Branch values are coerced to their wider common type with
// Spark's rules; only the chosen branch is evaluated.
import { DataType, DataTypes } from '../../types/data-types';
import type { ScalarFunction, Evaluator, ResolveContext } from '../function-definition';
import type { Expression } from '../expression';
import { isNullable } from '../expression';
import { prettySql } from '../expression-sql';
import {
  bracketTypeList,
  castAllTo,
  dataDiffTypesError,
  findCommonType,
  findWiderType,
  haveSameType,
  orTypeList,
  unexpectedInputTypeRaw,
} from '../type-coercion';
import { implicitCast, isBoolean, isNull, valuesEqual } from '../type-utils';
import { checkArity } from './check-args';
import { coerceComparison } from './predicates';

/** Coalesce's coercion: all arguments to their common type, else DATA_DIFF_TYPES on `coalesce(...)`. */
function coalesceArgs(args: Expression[], ctx: ResolveContext): { args: Expression[]; dataType: DataType } {
  const types = args.map((a) => a.dataType);
  if (haveSameType(types)) return { args, dataType: types[0] };
  const common = findCommonType(types, ctx.ansiEnabled);
  if (common === undefined) throw dataDiffTypesError(`coalesce(${args.map(prettySql).join(', ')})`, 'coalesce', orTypeList(types));
  return { args: castAllTo(args, common), dataType: common };
}

function compileCoalesce(args: Evaluator[]): Evaluator {
  const n = args.length;
  if (n === 2) {
    const [a, b] = args;
    return (row) => {
      const v = a(row);
      return v !== null ? v : b(row);
    };
  }
  return (row) => {
    for (let i = 0; i < n; i++) {
      const v = args[i](row);
      if (v !== null) return v;
    }
    return null;
  };
}

export const coalesce: ScalarFunction = {
  kind: 'scalar',
  name: 'coalesce',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, Infinity);
    const r = coalesceArgs(args, ctx);
    return { ...r, nullable: r.args.every(isNullable) };
  },
  compile: compileCoalesce,
};

/** nvl(a, b) / ifnull(a, b): coalesce of two, named by the function used. */
function nvlFunction(name: 'nvl' | 'ifnull'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const r = coalesceArgs(args, ctx);
      return { ...r, nullable: r.args.every(isNullable) };
    },
    compile: compileCoalesce,
    sql: (args) => `${name}(${args[0]}, ${args[1]})`,
  };
}

/** If's coercion of its two values (IfCoercion: the wider type of the two). */
function ifValues(sqlExpr: string, t: Expression, f: Expression, ctx: ResolveContext): [Expression, Expression, DataType] {
  if (haveSameType([t.dataType, f.dataType])) return [t, f, t.dataType];
  const wider = findWiderType(t.dataType, f.dataType, ctx.ansiEnabled);
  if (wider === undefined) throw dataDiffTypesError(sqlExpr, 'if', bracketTypeList([t.dataType, f.dataType]));
  return [implicitCast(t, wider), implicitCast(f, wider), wider];
}

function ifSql(args: string[]): string {
  return `(IF(${args[0]}, ${args[1]}, ${args[2]}))`;
}

export const ifFunction: ScalarFunction = {
  kind: 'scalar',
  name: 'if',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const sqlExpr = ifSql(args.map(prettySql));
    const [c, t, f] = args;
    if (!isBoolean(c.dataType) && !isNull(c.dataType)) throw unexpectedInputTypeRaw(sqlExpr, '1', '"BOOLEAN"', prettySql(c), c.dataType);
    const [tv, fv, dataType] = ifValues(sqlExpr, t, f, ctx);
    return { args: [implicitCast(c, DataTypes.BooleanType), tv, fv], dataType, nullable: isNullable(tv) || isNullable(fv) };
  },
  compile([c, t, f]) {
    return (row) => (c(row) === true ? t(row) : f(row));
  },
  sql: ifSql,
};

/** nvl2(a, b, c): b when a is not null, else c (Spark's If(IsNotNull(a), b, c)). */
export const nvl2: ScalarFunction = {
  kind: 'scalar',
  name: 'nvl2',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    const [a, b, c] = args;
    const [bv, cv, dataType] = ifValues(ifSql([`(${prettySql(a)} IS NOT NULL)`, prettySql(b), prettySql(c)]), b, c, ctx);
    return { args: [a, bv, cv], dataType, nullable: isNullable(bv) || isNullable(cv) };
  },
  compile([a, b, c]) {
    return (row) => (a(row) !== null ? b(row) : c(row));
  },
  sql: (args) => `nvl2(${args[0]}, ${args[1]}, ${args[2]})`,
};

/** nullif(a, b): null when a = b, else a. Resolved args: [a, a', b'] (a', b' coerced for `=`). */
export const nullif: ScalarFunction = {
  kind: 'scalar',
  name: 'nullif',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const [l, r] = coerceComparison('=', args[0], args[1], ctx.ansiEnabled, true);
    return { args: [args[0], l, r], dataType: args[0].dataType, nullable: true };
  },
  compile([a, l, r]) {
    return (row) => {
      const x = l(row);
      const y = x === null ? null : r(row);
      if (x !== null && y !== null && valuesEqual(x, y)) return null;
      return a(row);
    };
  },
  sql: (args) => `nullif(${args[0]}, ${args[2]})`,
};

/**
 * CASE WHEN: conditions must be BOOLEAN (or NULL), values are cast to their wider common type
 * (CaseWhenCoercion), else DATA_DIFF_TYPES on `casewhen`.
 */
export function coerceCaseWhen(
  branches: { condition: Expression; value: Expression }[],
  elseValue: Expression | undefined,
  ansi: boolean,
): { branches: { condition: Expression; value: Expression }[]; elseValue: Expression | undefined; dataType: DataType } {
  const sqlExpr = () => {
    const parts = branches.map((b) => ` WHEN ${prettySql(b.condition)} THEN ${prettySql(b.value)}`).join('');
    return `CASE${parts}${elseValue ? ` ELSE ${prettySql(elseValue)}` : ''} END`;
  };
  const values = [...branches.map((b) => b.value), ...(elseValue ? [elseValue] : [])];
  const types = values.map((v) => v.dataType);
  let dataType: DataType = types[0];
  if (!haveSameType(types)) {
    const common = findCommonType(types, ansi);
    if (common === undefined) throw dataDiffTypesError(sqlExpr(), 'casewhen', bracketTypeList(types));
    dataType = common;
  }
  const bad = branches.findIndex((b) => !isBoolean(b.condition.dataType) && !isNull(b.condition.dataType));
  if (bad >= 0) {
    const c = branches[bad].condition;
    throw unexpectedInputTypeRaw(sqlExpr(), String(bad + 1), '"BOOLEAN"', prettySql(c), c.dataType);
  }
  return {
    branches: branches.map((b) => ({ condition: implicitCast(b.condition, DataTypes.BooleanType), value: implicitCast(b.value, dataType) })),
    elseValue: elseValue ? implicitCast(elseValue, dataType) : undefined,
    dataType,
  };
}

export const CONDITIONAL_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: coalesce, aliases: [] },
  { fn: nvlFunction('nvl'), aliases: [] },
  { fn: nvlFunction('ifnull'), aliases: [] },
  { fn: nvl2, aliases: [] },
  { fn: nullif, aliases: [] },
  { fn: ifFunction, aliases: [] },
];
