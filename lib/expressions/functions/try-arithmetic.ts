// try_add / try_subtract / try_multiply / try_divide / try_mod, zeroifnull, nullifzero.
// Spark evaluates try_* as TryEval(op in ANSI/TRY mode): same result type as the operator, and
// any runtime error (overflow, division by zero) gives NULL whatever spark.sql.ansi.enabled says.
import { DataTypes, DecimalType } from '../../types/data-types';
import { Decimal, toDecimal } from '../../types/decimal';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction } from '../function-definition';
import { prettySql } from '../expression-sql';
import { implicitCast, isNull, isNumeric, typeSql } from '../type-utils';
import { findCommonType } from '../type-coercion';
import { checkArity } from './check-args';
import { add, divide, multiply, remainder, subtract } from './arithmetic';

type Entry = { fn: FunctionDefinition; aliases: string[] };

function tryOf(name: string, op: ScalarFunction): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const r = op.resolve(args, ctx);
      return { ...r, nullable: true };
    },
    compile(argEvals, argTypes, resultType, ctx) {
      const inner = op.compile(argEvals, argTypes, resultType, { ...ctx, ansiEnabled: true });
      return (row) => {
        try {
          return inner(row);
        } catch {
          return null;
        }
      };
    },
    sql: (args) => `${name}(${args.join(', ')})`,
  };
}

/** zeroifnull(x) = coalesce(x, 0). */
const zeroifnull: ScalarFunction = {
  kind: 'scalar',
  name: 'zeroifnull',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    const type = isNull(t) ? DataTypes.IntegerType : findCommonType([t, DataTypes.IntegerType], ctx.ansiEnabled);
    if (!type || !isNumeric(type)) throw unexpectedInputTypeError(`zeroifnull(${prettySql(args[0])})`, 0, '"NUMERIC"', prettySql(args[0]), typeSql(t));
    return { args: [implicitCast(args[0], type)], dataType: type, nullable: false };
  },
  compile([c], _argTypes, type) {
    const n = type.typeName();
    const zero: unknown = n === 'long' ? 0n : type instanceof DecimalType ? Decimal.of(0n, type.scale) : 0;
    return (row) => {
      const v = c(row);
      return v === null ? zero : v;
    };
  },
  sql: (args) => `zeroifnull(${args[0]})`,
};

/** nullifzero(x) = if(x = 0, null, x). */
const nullifzero: ScalarFunction = {
  kind: 'scalar',
  name: 'nullifzero',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (isNull(t)) return { args: [implicitCast(args[0], DataTypes.IntegerType)], dataType: DataTypes.IntegerType, nullable: true };
    if (!isNumeric(t)) throw unexpectedInputTypeError(`nullifzero(${prettySql(args[0])})`, 0, '"NUMERIC"', prettySql(args[0]), typeSql(t));
    return { args, dataType: t, nullable: true };
  },
  compile([c]) {
    return (row) => {
      const v = c(row);
      if (v === null) return null;
      if (typeof v === 'number' || typeof v === 'bigint') return v == 0 ? null : v; // eslint-disable-line eqeqeq
      return toDecimal(v).isZero() ? null : v;
    };
  },
  sql: (args) => `nullifzero(${args[0]})`,
};

export const TRY_ARITHMETIC_FUNCTIONS: Entry[] = [
  { fn: tryOf('try_add', add), aliases: [] },
  { fn: tryOf('try_subtract', subtract), aliases: [] },
  { fn: tryOf('try_multiply', multiply), aliases: [] },
  { fn: tryOf('try_divide', divide), aliases: [] },
  { fn: tryOf('try_mod', remainder), aliases: [] },
  { fn: zeroifnull, aliases: [] },
  { fn: nullifzero, aliases: [] },
];
