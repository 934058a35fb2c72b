// Bitwise operators & | ^ ~, bit_count, shiftleft / shiftright / shiftrightunsigned (and the
// << >> >>> operators). Operands are integral; & | ^ widen both sides to one integral type and
// keep it; shifts take INT or BIGINT (tinyint/smallint widen to INT) and an INT shift count that
// Java masks to the operand width (x << 33 on an INT shifts by 1).
import { DataType, DataTypes } from '../../types/data-types';
import { binaryOpDiffTypesError, unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { implicitCast, isBoolean, isIntegral, isNull, typeSql, widerNumericType } from '../type-utils';
import { binaryOpWrongTypeError } from '../type-coercion';
import { checkArity } from './check-args';

type Entry = { fn: FunctionDefinition; aliases: string[] };

function nullSafe2(a: Evaluator, b: Evaluator, f: (x: unknown, y: unknown) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : f(x, y);
  };
}

function bitwiseBinary(symbol: '&' | '|' | '^', numOp: (a: number, b: number) => number, bigOp: (a: bigint, b: bigint) => bigint): ScalarFunction {
  return {
    kind: 'scalar',
    name: symbol,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const [l, r] = args;
      const sqlExpr = `(${prettySql(l)} ${symbol} ${prettySql(r)})`;
      const lt = isNull(l.dataType) ? (isNull(r.dataType) ? DataTypes.IntegerType : r.dataType) : l.dataType;
      const rt = isNull(r.dataType) ? lt : r.dataType;
      if (!isIntegral(lt) || !isIntegral(rt)) {
        if (lt.equals(rt)) throw binaryOpWrongTypeError(sqlExpr, 'INTEGRAL', lt);
        throw binaryOpDiffTypesError(sqlExpr, typeSql(l.dataType), typeSql(r.dataType));
      }
      const type = widerNumericType(lt, rt);
      return { args: [implicitCast(l, type), implicitCast(r, type)], dataType: type };
    },
    compile([l, r], _t, type) {
      if (type.typeName() === 'long') return nullSafe2(l, r, (a, b) => bigOp(a as bigint, b as bigint));
      return nullSafe2(l, r, (a, b) => numOp(a as number, b as number));
    },
    sql: (args) => `(${args[0]} ${symbol} ${args[1]})`,
  };
}

const bitwiseNot: ScalarFunction = {
  kind: 'scalar',
  name: '~',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = isNull(args[0].dataType) ? DataTypes.IntegerType : args[0].dataType;
    if (!isIntegral(t)) throw unexpectedInputTypeError(`~${prettySql(args[0])}`, 0, '"INTEGRAL"', prettySql(args[0]), typeSql(args[0].dataType));
    return { args: [implicitCast(args[0], t)], dataType: t };
  },
  compile([c], _t, type) {
    const long = type.typeName() === 'long';
    return (row) => {
      const v = c(row);
      if (v === null) return null;
      return long ? ~(v as bigint) : ~(v as number);
    };
  },
  sql: (args) => `~${args[0]}`,
};

/** Java's Long.bitCount of the (sign-extended) value. */
function bitCount64(v: bigint): number {
  let x = BigInt.asUintN(64, v);
  let n = 0;
  while (x !== 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}

const bitCount: ScalarFunction = {
  kind: 'scalar',
  name: 'bit_count',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (isNull(t)) return { args: [implicitCast(args[0], DataTypes.IntegerType)], dataType: DataTypes.IntegerType };
    if (!isIntegral(t) && !isBoolean(t)) {
      throw unexpectedInputTypeError(`bit_count(${prettySql(args[0])})`, 0, '("INTEGRAL" or "BOOLEAN")', prettySql(args[0]), typeSql(t));
    }
    return { args, dataType: DataTypes.IntegerType };
  },
  compile([c]) {
    return (row) => {
      const v = c(row);
      if (v === null) return null;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return bitCount64(BigInt(v as number | bigint));
    };
  },
  sql: (args) => `bit_count(${args[0]})`,
};

type ShiftKind = 'left' | 'right' | 'unsigned';

function shiftArgs(display: string, args: Expression[]): { args: Expression[]; type: DataType } {
  const sqlExpr = display;
  const [v, n] = args;
  const vt = v.dataType;
  let type: DataType;
  if (isNull(vt) || vt.typeName() === 'byte' || vt.typeName() === 'short' || vt.typeName() === 'integer') type = DataTypes.IntegerType;
  else if (vt.typeName() === 'long') type = DataTypes.LongType;
  else throw unexpectedInputTypeError(sqlExpr, 0, '("INT" or "BIGINT")', prettySql(v), typeSql(vt));
  const nt = n.dataType;
  if (!(isNull(nt) || nt.typeName() === 'byte' || nt.typeName() === 'short' || nt.typeName() === 'integer')) {
    throw unexpectedInputTypeError(sqlExpr, 1, '"INT"', prettySql(n), typeSql(nt));
  }
  return { args: [implicitCast(v, type), implicitCast(n, DataTypes.IntegerType)], type };
}

function shift(name: string, symbol: string, kind: ShiftKind, asOperator: boolean): ScalarFunction {
  const text = (a: string[]) => (asOperator ? `(${a[0]} ${symbol} ${a[1]})` : `${name}(${a[0]}, ${a[1]})`);
  return {
    kind: 'scalar',
    name: asOperator ? symbol : name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      const { args: cast, type } = shiftArgs(text(args.map(prettySql)), args);
      return { args: cast, dataType: type };
    },
    compile([v, n], _t, type) {
      if (type.typeName() === 'long') {
        return nullSafe2(v, n, (a, b) => {
          const x = a as bigint;
          const s = BigInt((b as number) & 63);
          if (kind === 'left') return BigInt.asIntN(64, x << s);
          if (kind === 'right') return x >> s;
          return BigInt.asIntN(64, BigInt.asUintN(64, x) >> s);
        });
      }
      return nullSafe2(v, n, (a, b) => {
        const x = a as number;
        const s = b as number;
        if (kind === 'left') return x << s;
        if (kind === 'right') return x >> s;
        return (x >>> s) | 0;
      });
    },
    sql: text,
  };
}

export const BITWISE_FUNCTIONS: Entry[] = [
  { fn: bitwiseBinary('&', (a, b) => a & b, (a, b) => a & b), aliases: [] },
  { fn: bitwiseBinary('|', (a, b) => a | b, (a, b) => a | b), aliases: [] },
  { fn: bitwiseBinary('^', (a, b) => a ^ b, (a, b) => a ^ b), aliases: [] },
  { fn: bitwiseNot, aliases: [] },
  { fn: bitCount, aliases: [] },
  { fn: shift('shiftleft', '<<', 'left', false), aliases: [] },
  { fn: shift('shiftright', '>>', 'right', false), aliases: [] },
  { fn: shift('shiftrightunsigned', '>>>', 'unsigned', false), aliases: [] },
  { fn: shift('shiftleft', '<<', 'left', true), aliases: [] },
  { fn: shift('shiftright', '>>', 'right', true), aliases: [] },
  { fn: shift('shiftrightunsigned', '>>>', 'unsigned', true), aliases: [] },
];
