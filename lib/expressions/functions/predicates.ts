// Comparison and boolean operators with SQL three-valued logic.
import { DataType, DataTypes } from '../../types/data-types';
import { binaryOpDiffTypesError, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { compareValues, implicitCast, isNull, isNumeric, isString, typeSql, valuesEqual, widerNumericType } from '../type-utils';
import { checkArity } from './check-args';

/** Coerce two comparable operands to one type (numeric widening; string vs number compares as double). */
function coerceComparable(symbol: string, l: Expression, r: Expression): [Expression, Expression] {
  const lt = l.dataType;
  const rt = r.dataType;
  if (lt.equals(rt) || isNull(lt) || isNull(rt)) return [l, r];
  if (isNumeric(lt) && isNumeric(rt)) {
    const t = widerNumericType(lt, rt);
    return [implicitCast(l, t), implicitCast(r, t)];
  }
  if ((isString(lt) && isNumeric(rt)) || (isNumeric(lt) && isString(rt))) {
    const t: DataType = isNumeric(lt) ? (lt.typeName() === 'double' || lt.typeName() === 'float' ? DataTypes.DoubleType : lt) : rt.typeName() === 'double' || rt.typeName() === 'float' ? DataTypes.DoubleType : rt;
    return [implicitCast(l, t), implicitCast(r, t)];
  }
  throw binaryOpDiffTypesError(`(${prettySql(l)} ${symbol} ${prettySql(r)})`, typeSql(lt), typeSql(rt));
}

function comparison(name: string, test: (c: number) => boolean): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      return { args: coerceComparable(name, args[0], args[1]), dataType: DataTypes.BooleanType, nullable: true };
    },
    compile([l, r]) {
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
    return { args: coerceComparable('=', args[0], args[1]), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([l, r]) {
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

export const equalNullSafe: ScalarFunction = {
  kind: 'scalar',
  name: '<=>',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args: coerceComparable('<=>', args[0], args[1]), dataType: DataTypes.BooleanType, nullable: false };
  },
  compile([l, r]) {
    return (row) => {
      const a = l(row);
      const b = r(row);
      if (a === null || b === null) return a === b;
      return valuesEqual(a, b);
    };
  },
  sql: (args) => `(${args[0]} <=> ${args[1]})`,
};

function requireBoolean(symbol: string, args: Expression[]): Expression[] {
  return args.map((a, i) => {
    if (a.dataType.typeName() === 'boolean' || isNull(a.dataType)) return a;
    const sqlExpr = args.length === 1 ? `(NOT ${prettySql(args[0])})` : `(${prettySql(args[0])} ${symbol} ${prettySql(args[1])})`;
    throw unexpectedInputTypeError(sqlExpr, i, '"BOOLEAN"', prettySql(a), typeSql(a.dataType));
  });
}

export const and: ScalarFunction = {
  kind: 'scalar',
  name: 'and',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args: requireBoolean('AND', args), dataType: DataTypes.BooleanType, nullable: true };
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
    checkArity(ctx.name, args, 2);
    return { args: requireBoolean('OR', args), dataType: DataTypes.BooleanType, nullable: true };
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

export const not: ScalarFunction = {
  kind: 'scalar',
  name: 'not',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: requireBoolean('NOT', args), dataType: DataTypes.BooleanType, nullable: true };
  },
  compile([c]) {
    return (row) => {
      const v = c(row);
      return v === null ? null : !v;
    };
  },
  sql: (args) => `(NOT ${args[0]})`,
};

function nullTest(name: string, wantNull: boolean): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args, dataType: DataTypes.BooleanType, nullable: false };
    },
    compile([c]): Evaluator {
      return wantNull ? (row) => c(row) === null : (row) => c(row) !== null;
    },
    sql: (args) => `(${args[0]} IS ${wantNull ? '' : 'NOT '}NULL)`,
  };
}

export const PREDICATE_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: equalTo, aliases: ['=='] },
  { fn: notEqual, aliases: ['<>'] },
  { fn: equalNullSafe, aliases: [] },
  { fn: comparison('<', (c) => c < 0), aliases: [] },
  { fn: comparison('<=', (c) => c <= 0), aliases: [] },
  { fn: comparison('>', (c) => c > 0), aliases: [] },
  { fn: comparison('>=', (c) => c >= 0), aliases: [] },
  { fn: and, aliases: [] },
  { fn: or, aliases: [] },
  { fn: not, aliases: ['!'] },
  { fn: nullTest('isnull', true), aliases: [] },
  { fn: nullTest('isnotnull', false), aliases: [] },
];
