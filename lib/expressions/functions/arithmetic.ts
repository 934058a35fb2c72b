// + - * / % and unary minus, with Spark's result types and ANSI overflow errors.
import { DataType, DataTypes } from '../../types/data-types';
import { SparkException } from '../../errors/spark-exception';
import { binaryOpDiffTypesError, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { ScalarFunction, Evaluator, ResolveContext } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { implicitCast, isNull, isNumeric, isString, typeSql, widerNumericType } from '../type-utils';
import { checkArity } from './check-args';

function arithmeticOverflow(message: string, alternative: string): SparkException {
  return new SparkException(
    `${message}. Use '${alternative}' to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
    { errorClass: 'ARITHMETIC_OVERFLOW', sqlState: '22003', messageParameters: { message, alternative, config: '"spark.sql.ansi.enabled"' } },
  );
}

function divideByZero(): SparkException {
  return new SparkException(
    `Division by zero. Use \`try_divide\` to tolerate divisor being 0 and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`,
    { errorClass: 'DIVIDE_BY_ZERO', sqlState: '22012', messageParameters: { config: '"spark.sql.ansi.enabled"' } },
  );
}

/** Both operands coerced to their wider numeric type (strings to double, as Spark's legacy rule). */
function resolveNumericPair(symbol: string, args: Expression[], ctx: ResolveContext): { args: Expression[]; type: DataType } {
  checkArity(ctx.name, args, 2);
  let [l, r] = args;
  const sqlExpr = `(${prettySql(l)} ${symbol} ${prettySql(r)})`;
  const lt = isNull(l.dataType) ? r.dataType : l.dataType;
  const rt = isNull(r.dataType) ? l.dataType : r.dataType;
  const operand = (t: DataType) => (isString(t) ? DataTypes.DoubleType : isNull(t) ? DataTypes.IntegerType : t);
  const lo = operand(lt);
  const ro = operand(rt);
  if (!isNumeric(lo) || !isNumeric(ro)) {
    if (lo.equals(ro)) throw unexpectedInputTypeError(sqlExpr, 0, '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")', prettySql(l), typeSql(l.dataType));
    throw binaryOpDiffTypesError(sqlExpr, typeSql(l.dataType), typeSql(r.dataType));
  }
  const type = widerNumericType(lo, ro);
  l = implicitCast(l, type);
  r = implicitCast(r, type);
  return { args: [l, r], type };
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function integerResult(type: DataType, ansi: boolean, op: string): (v: number | bigint) => number | bigint | null {
  const name = type.typeName();
  if (name === 'long') {
    return (v) => {
      const b = v as bigint;
      if (b < LONG_MIN || b > LONG_MAX) {
        if (ansi) throw arithmeticOverflow(`long overflow`, op);
        return BigInt.asIntN(64, b);
      }
      return b;
    };
  }
  const [min, max, bits] = name === 'integer' ? [INT_MIN, INT_MAX, 32] : name === 'short' ? [-32768, 32767, 16] : [-128, 127, 8];
  return (v) => {
    const n = v as number;
    if (n < min || n > max) {
      if (ansi) throw arithmeticOverflow(`${name === 'integer' ? 'integer' : name} overflow`, op);
      return bits === 32 ? n | 0 : (n << (32 - bits)) >> (32 - bits);
    }
    return n;
  };
}

function binaryArithmetic(name: string, symbol: string, tryName: string, numberOp: (a: number, b: number) => number, bigintOp: (a: bigint, b: bigint) => bigint): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      const { args: coerced, type } = resolveNumericPair(symbol, args, ctx);
      return { args: coerced, dataType: type, nullable: coerced.some((a) => a.kind !== 'literal') || coerced.some((a) => a.kind === 'literal' && a.value === null) };
    },
    compile([l, r], _argTypes, type, ctx) {
      const typeName = type.typeName();
      if (typeName === 'double' || typeName === 'float') {
        const round = typeName === 'float' ? Math.fround : (x: number) => x;
        return (row) => {
          const a = l(row);
          if (a === null) return null;
          const b = r(row);
          if (b === null) return null;
          return round(numberOp(a as number, b as number));
        };
      }
      const check = integerResult(type, ctx.ansiEnabled, tryName);
      if (typeName === 'long') {
        return (row) => {
          const a = l(row);
          if (a === null) return null;
          const b = r(row);
          if (b === null) return null;
          return check(bigintOp(a as bigint, b as bigint));
        };
      }
      return (row) => {
        const a = l(row);
        if (a === null) return null;
        const b = r(row);
        if (b === null) return null;
        return check(numberOp(a as number, b as number));
      };
    },
    sql: (args) => `(${args[0]} ${symbol} ${args[1]})`,
  };
}

export const add = binaryArithmetic('+', '+', 'try_add', (a, b) => a + b, (a, b) => a + b);
export const subtract = binaryArithmetic('-', '-', 'try_subtract', (a, b) => a - b, (a, b) => a - b);
export const multiply = binaryArithmetic('*', '*', 'try_multiply', (a, b) => a * b, (a, b) => a * b);

/** `/` always divides as double (decimal division arrives with exact decimals). */
export const divide: ScalarFunction = {
  kind: 'scalar',
  name: '/',
  resolve(args, ctx) {
    const { args: coerced } = resolveNumericPair('/', args, ctx);
    return { args: coerced.map((a) => implicitCast(a, DataTypes.DoubleType)), dataType: DataTypes.DoubleType, nullable: true };
  },
  compile([l, r], _t, _type, ctx) {
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      if (b === 0) {
        if (ctx.ansiEnabled) throw divideByZero();
        return null;
      }
      return (a as number) / (b as number);
    };
  },
  sql: (args) => `(${args[0]} / ${args[1]})`,
};

export const remainder: ScalarFunction = {
  kind: 'scalar',
  name: '%',
  resolve(args, ctx) {
    const { args: coerced, type } = resolveNumericPair('%', args, ctx);
    return { args: coerced, dataType: type, nullable: true };
  },
  compile([l, r], _t, type, ctx) {
    const isLong = type.typeName() === 'long';
    return (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      if (b === 0 || b === 0n) {
        if (ctx.ansiEnabled) throw divideByZero();
        return null;
      }
      return isLong ? (a as bigint) % (b as bigint) : (a as number) % (b as number);
    };
  },
  sql: (args) => `(${args[0]} % ${args[1]})`,
};

export const negative: ScalarFunction = {
  kind: 'scalar',
  name: 'negative',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = isString(args[0].dataType) ? DataTypes.DoubleType : args[0].dataType;
    if (!isNumeric(t)) throw unexpectedInputTypeError(`(- ${prettySql(args[0])})`, 0, '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")', prettySql(args[0]), typeSql(args[0].dataType));
    return { args: [implicitCast(args[0], t)], dataType: t };
  },
  compile([c], _t, type, ctx) {
    if (type.typeName() === 'long') {
      const check = integerResult(type, ctx.ansiEnabled, 'try_subtract');
      return (row) => {
        const v = c(row);
        return v === null ? null : check(-(v as bigint));
      };
    }
    const integral = type.typeName() !== 'double' && type.typeName() !== 'float';
    const check = integral ? integerResult(type, ctx.ansiEnabled, 'try_subtract') : (v: number | bigint) => v;
    return (row) => {
      const v = c(row);
      return v === null ? null : check(-(v as number));
    };
  },
  sql: (args) => `(- ${args[0]})`,
};

export const ARITHMETIC_FUNCTIONS: { fn: ScalarFunction; aliases: string[] }[] = [
  { fn: add, aliases: [] },
  { fn: subtract, aliases: [] },
  { fn: multiply, aliases: [] },
  { fn: divide, aliases: [] },
  { fn: remainder, aliases: ['mod'] },
  { fn: negative, aliases: [] },
];

export type { Evaluator };
