// Built-in math functions (registered in builtin-functions.ts). Column names follow Spark's
// prettyName: UnaryMathExpression names are upper case (SQRT, LOG10, CEIL...) unless the user
// called an alias Spark tags (sign, pow, ceiling).
import { bytesToHex, hexToBytes } from '../../util/hex';
import { DataType, DataTypes, DecimalType } from '../../types/data-types';
import { Decimal, toDecimal, type RoundingMode } from '../../types/decimal';
import { boundedDecimal } from '../../types/decimal-precision';
import { AnalysisException } from '../../errors/analysis-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { Evaluator, FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { compareValues, implicitCast, isBinary, isIntegral, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { findCommonType } from '../type-coercion';
import { AnsiIntervalType } from '../../types/interval-types';
import { checkArity } from './check-args';
import { arithmeticOverflow, divideByZero } from './arithmetic';
import { TRY_ARITHMETIC_FUNCTIONS } from './try-arithmetic';
import { BITWISE_FUNCTIONS } from './math-bitwise';
import { BUCKET_FUNCTIONS } from './math-buckets';

type Entry = { fn: FunctionDefinition; aliases: string[] };

const sqlOf = (name: string, args: readonly Expression[]) => `${name}(${args.map(prettySql).join(', ')})`;

/** Spark's ImplicitCastInputTypes to DOUBLE: numbers, strings and NULL cast; the rest fail. */
function toDoubleArgs(name: string, args: Expression[]): Expression[] {
  return args.map((a, i) => {
    const t = a.dataType;
    if (isNumeric(t) || isString(t) || isNull(t)) return implicitCast(a, DataTypes.DoubleType);
    throw unexpectedInputTypeError(sqlOf(name, args), i, '"DOUBLE"', prettySql(a), typeSql(t));
  });
}

function nullSafe1(c: Evaluator, f: (v: unknown) => unknown): Evaluator {
  return (row) => {
    const v = c(row);
    return v === null ? null : f(v);
  };
}

function nullSafe2(a: Evaluator, b: Evaluator, f: (x: unknown, y: unknown) => unknown): Evaluator {
  return (row) => {
    const x = a(row);
    if (x === null) return null;
    const y = b(row);
    return y === null ? null : f(x, y);
  };
}

/** A DOUBLE -> DOUBLE function; `display` is Spark's column-name prefix. */
function unaryDouble(name: string, display: string, f: (x: number) => number | null): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args: toDoubleArgs(name, args), dataType: DataTypes.DoubleType };
    },
    compile: ([c]) => nullSafe1(c, (v) => f(v as number)),
    sql: (args) => `${display}(${args.join(', ')})`,
  };
}

function binaryDouble(name: string, display: string, f: (x: number, y: number) => number | null): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      return { args: toDoubleArgs(name, args), dataType: DataTypes.DoubleType };
    },
    compile: ([a, b]) => nullSafe2(a, b, (x, y) => f(x as number, y as number)),
    sql: (args) => `${display}(${args.join(', ')})`,
  };
}

function constant(name: string, value: number): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 0);
      return { args, dataType: DataTypes.DoubleType, nullable: false };
    },
    compile: () => () => value,
    sql: () => `${name.toUpperCase()}()`,
  };
}

const positiveOrNull = (f: (x: number) => number) => (x: number) => (x <= 0 ? null : f(x));

// ---------------------------------------------------------------------------------------------
// log(base, x) / log(x)

const log: ScalarFunction = {
  kind: 'scalar',
  name: 'log',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const full: Expression[] = args.length === 1 ? [{ kind: 'scalarCall', fn: eConstant, args: [], dataType: DataTypes.DoubleType, nullable: false } as Expression, ...args] : args;
    return { args: toDoubleArgs('log', full), dataType: DataTypes.DoubleType };
  },
  compile: ([b, x]) => nullSafe2(b, x, (base, v) => ((base as number) <= 0 || (v as number) <= 0 ? null : Math.log(v as number) / Math.log(base as number))),
  sql: (args) => `LOG(${args.join(', ')})`,
};
const eConstant = constant('e', Math.E);

// ---------------------------------------------------------------------------------------------
// abs, sign, pmod, factorial, isnan, nanvl

const abs: ScalarFunction = {
  kind: 'scalar',
  name: 'abs',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (isString(t) || isNull(t)) return { args: [implicitCast(args[0], DataTypes.DoubleType)], dataType: DataTypes.DoubleType };
    if (!isNumeric(t) && !(t instanceof AnsiIntervalType)) throw unexpectedInputTypeError(sqlOf('abs', args), 0, '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH")', prettySql(args[0]), typeSql(t));
    return { args, dataType: t };
  },
  compile([c], [t], _r, ctx) {
    if (t instanceof DecimalType) return nullSafe1(c, (v) => toDecimal(v).abs());
    const name = t.typeName();
    const min = name === 'integer' || name.startsWith('interval year') || name === 'interval month' ? -2147483648 : name === 'short' ? -32768 : name === 'byte' ? -128 : undefined;
    return nullSafe1(c, (v) => {
      if (typeof v === 'bigint') {
        if (v === -(2n ** 63n)) {
          if (ctx.ansiEnabled) throw arithmeticOverflow('long overflow', '');
          return v;
        }
        return v < 0n ? -v : v;
      }
      const n = v as number;
      if (n === min) {
        if (ctx.ansiEnabled) throw arithmeticOverflow(`${name === 'integer' ? 'integer' : name} overflow`, '');
        return n;
      }
      return Math.abs(n);
    });
  },
};

function signum(name: string, display: string): ScalarFunction {
  return unaryDouble(name, display, (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0));
}

const pmod: ScalarFunction = {
  kind: 'scalar',
  name: 'pmod',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const widened = args.map((a) => (isString(a.dataType) ? implicitCast(a, DataTypes.DoubleType) : a));
    for (let i = 0; i < 2; i++) {
      const t = widened[i].dataType;
      if (!isNumeric(t) && !isNull(t)) throw unexpectedInputTypeError(sqlOf('pmod', args), i, '"NUMERIC"', prettySql(args[i]), typeSql(t));
    }
    const t = findCommonType(widened.map((a) => a.dataType), ctx.ansiEnabled) ?? DataTypes.DoubleType;
    const out = isNull(t) ? DataTypes.IntegerType : t;
    return { args: widened.map((a) => implicitCast(a, out)), dataType: out };
  },
  compile([a, b], _t, type, ctx) {
    const zero = () => {
      if (ctx.ansiEnabled) throw divideByZero();
      return null;
    };
    if (type instanceof DecimalType) {
      return nullSafe2(a, b, (x, y) => {
        const d = toDecimal(y);
        if (d.isZero()) return zero();
        const r = toDecimal(x).remainder(d);
        return (r.signum() < 0 ? r.add(d).remainder(d) : r).setScale(type.scale);
      });
    }
    return nullSafe2(a, b, (x, y) => {
      if (typeof x === 'bigint') {
        const n = y as bigint;
        if (n === 0n) return zero();
        const r = x % n;
        return r < 0n ? (r + n) % n : r;
      }
      const n = y as number;
      if (n === 0 && isIntegral(type)) return zero();
      if (n === 0) return ctx.ansiEnabled ? zero() : null;
      const r = (x as number) % n;
      return r < 0 ? (r + n) % n : r;
    });
  },
};

const factorial: ScalarFunction = {
  kind: 'scalar',
  name: 'factorial',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (!isIntegral(t) && !isNull(t) && !isString(t)) throw unexpectedInputTypeError(sqlOf('factorial', args), 0, '"INT"', prettySql(args[0]), typeSql(t));
    return { args: [implicitCast(args[0], DataTypes.IntegerType)], dataType: DataTypes.LongType };
  },
  compile: ([c]) =>
    nullSafe1(c, (v) => {
      const n = v as number;
      if (n < 0 || n > 20) return null;
      let r = 1n;
      for (let i = 2n; i <= BigInt(n); i++) r *= i;
      return r;
    }),
};

const isnan: ScalarFunction = {
  kind: 'scalar',
  name: 'isnan',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    return { args: toDoubleArgs('isnan', args), dataType: DataTypes.BooleanType, nullable: false };
  },
  compile: ([c]) => (row) => {
    const v = c(row);
    return v !== null && Number.isNaN(v as number);
  },
};

const nanvl: ScalarFunction = {
  kind: 'scalar',
  name: 'nanvl',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    return { args: toDoubleArgs('nanvl', args), dataType: DataTypes.DoubleType };
  },
  compile: ([a, b]) => (row) => {
    const v = a(row);
    return v !== null && Number.isNaN(v as number) ? b(row) : v;
  },
};

// ---------------------------------------------------------------------------------------------
// ceil / floor / round / bround

function ceilFloor(name: string, display: string, ceil: boolean): ScalarFunction {
  const mode: RoundingMode = ceil ? 'CEILING' : 'FLOOR';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, 2);
      let a = args[0];
      if (isString(a.dataType) || isNull(a.dataType)) a = implicitCast(a, DataTypes.DoubleType);
      const t = a.dataType;
      if (!isNumeric(t)) throw unexpectedInputTypeError(sqlOf(name, args), 0, '("DECIMAL" or "DOUBLE" or "BIGINT")', prettySql(args[0]), typeSql(t));
      if (args.length === 2) {
        const scale = scaleArg(args[1], sqlOf(name, args));
        const d = t instanceof DecimalType ? t : decimalOf(t);
        const out = boundedDecimal(d.precision - d.scale + Math.max(scale, 0) + 1, Math.max(scale, 0));
        return { args: [implicitCast(a, d), args[1]], dataType: out };
      }
      if (t instanceof DecimalType) return { args: [a], dataType: boundedDecimal(t.precision - t.scale + 1, 0) };
      return { args: [isIntegral(t) ? implicitCast(a, DataTypes.LongType) : implicitCast(a, DataTypes.DoubleType)], dataType: DataTypes.LongType };
    },
    compile([c, s], _t, type) {
      if (type instanceof DecimalType) {
        return (row) => {
          const v = c(row);
          if (v === null) return null;
          const scale = s ? Number(s(row)) : 0;
          return roundDecimal(toDecimal(v), scale, mode).setScale(type.scale);
        };
      }
      return nullSafe1(c, (v) => {
        if (typeof v === 'bigint') return v;
        const d = ceil ? Math.ceil(v as number) : Math.floor(v as number);
        if (Number.isNaN(d)) return 0n;
        if (d >= 9223372036854775807) return 9223372036854775807n;
        if (d <= -9223372036854775808) return -9223372036854775808n;
        return BigInt(d);
      });
    },
    sql: (args) => `${display}(${args.join(', ')})`,
  };
}

function decimalOf(t: DataType): DecimalType {
  switch (t.typeName()) {
    case 'byte':
      return new DecimalType(3, 0);
    case 'short':
      return new DecimalType(5, 0);
    case 'integer':
      return new DecimalType(10, 0);
    case 'long':
      return new DecimalType(20, 0);
    case 'float':
      return new DecimalType(14, 7);
    default:
      return new DecimalType(30, 15);
  }
}

function scaleArg(e: Expression, fnSql: string): number {
  if (e.kind !== 'literal' || !isIntegral(e.dataType)) {
    if (e.kind === 'literal' && isNull(e.dataType)) return 0;
    if (e.kind !== 'literal') {
      throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: the input scale should be a foldable "INT" expression; however, got "${prettySql(e)}".`, {
        errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
        sqlState: '42K09',
        messageParameters: { inputName: '`scale`', inputType: '"INT"', inputExpr: `"${prettySql(e)}"`, sqlExpr: `"${fnSql}"` },
      });
    }
    throw unexpectedInputTypeError(fnSql, 1, '"INT"', prettySql(e), typeSql(e.dataType));
  }
  return Number(e.value);
}

/** Rounds to `scale` digits after the point; a negative scale rounds to tens, hundreds... */
function roundDecimal(d: Decimal, scale: number, mode: RoundingMode): Decimal {
  if (scale >= 0) return d.setScale(scale, mode);
  const factor = 10n ** BigInt(-scale);
  const shifted = Decimal.of(d.unscaled, d.scale + -scale).setScale(0, mode);
  return Decimal.of(shifted.unscaled * factor, 0);
}

function roundFn(name: 'round' | 'bround'): ScalarFunction {
  const mode: RoundingMode = name === 'round' ? 'HALF_UP' : 'HALF_EVEN';
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, 2);
      let a = args[0];
      if (isString(a.dataType) || isNull(a.dataType)) a = implicitCast(a, DataTypes.DoubleType);
      const t = a.dataType;
      const scaleExpr: Expression = args[1] ?? { kind: 'literal', value: 0, dataType: DataTypes.IntegerType };
      const fnSql = sqlOf(name, [args[0], scaleExpr]);
      if (!isNumeric(t)) throw unexpectedInputTypeError(fnSql, 0, '"NUMERIC"', prettySql(args[0]), typeSql(t));
      const scale = scaleArg(scaleExpr, fnSql);
      if (t instanceof DecimalType) {
        const integral = t.precision - t.scale + 1;
        const out = scale < 0 ? boundedDecimal(Math.max(integral, -scale + 1), 0) : boundedDecimal(integral + Math.min(t.scale, scale), Math.min(t.scale, scale));
        return { args: [a, scaleExpr], dataType: out };
      }
      return { args: [a, scaleExpr], dataType: t };
    },
    compile([c, s], [t], type, ctx) {
      const scaleOf = (row: readonly unknown[]) => Number(s(row));
      if (type instanceof DecimalType) {
        return (row) => {
          const v = c(row);
          if (v === null) return null;
          const r = roundDecimal(toDecimal(v), scaleOf(row), mode);
          return r.toPrecision(type.precision, type.scale, mode);
        };
      }
      const tn = t.typeName();
      if (tn === 'double' || tn === 'float') {
        return (row) => {
          const v = c(row) as number | null;
          if (v === null) return null;
          if (!Number.isFinite(v)) return v;
          const text = tn === 'float' ? String(Math.fround(v)) : String(v);
          const r = roundDecimal(Decimal.fromString(text), scaleOf(row), mode).toNumber();
          return tn === 'float' ? Math.fround(r) : r;
        };
      }
      // Integral: only a negative scale changes the value.
      return (row) => {
        const v = c(row);
        if (v === null) return null;
        const scale = scaleOf(row);
        if (scale >= 0) return v;
        const big = typeof v === 'bigint' ? v : BigInt(v as number);
        const r = roundDecimal(Decimal.of(big, 0), scale, mode).unscaled;
        if (typeof v === 'bigint') {
          if (r > 2n ** 63n - 1n || r < -(2n ** 63n)) {
            if (ctx.ansiEnabled) throw arithmeticOverflow('long overflow', '');
            return BigInt.asIntN(64, r);
          }
          return r;
        }
        const bits = tn === 'integer' ? 32 : tn === 'short' ? 16 : 8;
        const wrapped = Number(BigInt.asIntN(bits, r));
        if (BigInt(wrapped) !== r && ctx.ansiEnabled) throw arithmeticOverflow(`${tn} overflow`, '');
        return wrapped;
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// greatest / least

function extremeOf(name: 'greatest' | 'least'): ScalarFunction {
  const better = name === 'greatest' ? (c: number) => c > 0 : (c: number) => c < 0;
  return {
    kind: 'scalar',
    name,
    resolve(args, ctx) {
      if (args.length < 2) {
        throw new AnalysisException(`The \`${name}\` requires > 1 parameters but the actual number is ${args.length}.`, {
          errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
          sqlState: '42605',
          messageParameters: { functionName: `\`${name}\``, expectedNum: '> 1', actualNum: String(args.length) },
        });
      }
      const t = findCommonType(args.map((a) => a.dataType), ctx.ansiEnabled);
      if (t === undefined) {
        const types = args.map((a) => `"${typeSql(a.dataType)}"`).join(' or ');
        throw new AnalysisException(`Cannot resolve "${sqlOf(name, args)}" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's (${args.map((a) => `"${typeSql(a.dataType)}"`).join(' or ')}).`, {
          errorClass: 'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
          sqlState: '42K09',
          messageParameters: { functionName: `\`${name}\``, dataType: `(${types})`, sqlExpr: `"${sqlOf(name, args)}"` },
        });
      }
      return { args: args.map((a) => implicitCast(a, t)), dataType: t, nullable: args.every((a) => a.dataType.typeName() === 'void') };
    },
    compile: (cs) => (row) => {
      let best: unknown = null;
      for (const c of cs) {
        const v = c(row);
        if (v !== null && (best === null || better(compareValues(v, best)))) best = v;
      }
      return best;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// hex / unhex / bin / conv

const hex: ScalarFunction = {
  kind: 'scalar',
  name: 'hex',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (isString(t) || isBinary(t)) return { args, dataType: DataTypes.StringType };
    if (isNumeric(t) || isNull(t)) return { args: [implicitCast(args[0], DataTypes.LongType)], dataType: DataTypes.StringType };
    throw unexpectedInputTypeError(sqlOf('hex', args), 0, '("BIGINT" or "BINARY" or "STRING")', prettySql(args[0]), typeSql(t));
  },
  compile([c], [t]) {
    if (isBinary(t)) return nullSafe1(c, (v) => bytesToHex(v as Uint8Array));
    if (isString(t)) return nullSafe1(c, (v) => bytesToHex(new TextEncoder().encode(v as string)));
    return nullSafe1(c, (v) => BigInt.asUintN(64, v as bigint).toString(16).toUpperCase());
  },
};

const unhex: ScalarFunction = {
  kind: 'scalar',
  name: 'unhex',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const t = args[0].dataType;
    if (!isString(t) && !isNull(t)) throw unexpectedInputTypeError(sqlOf('unhex', args), 0, '"STRING"', prettySql(args[0]), typeSql(t));
    return { args: [implicitCast(args[0], DataTypes.StringType)], dataType: DataTypes.BinaryType };
  },
  compile: ([c]) => nullSafe1(c, (v) => hexToBytes(v as string)),
};

const bin: ScalarFunction = {
  kind: 'scalar',
  name: 'bin',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    if (!isNumeric(t) && !isNull(t) && !isString(t)) throw unexpectedInputTypeError(sqlOf('bin', args), 0, '"BIGINT"', prettySql(args[0]), typeSql(t));
    return { args: [implicitCast(args[0], DataTypes.LongType)], dataType: DataTypes.StringType };
  },
  compile: ([c]) => nullSafe1(c, (v) => BigInt.asUintN(64, v as bigint).toString(2)),
};

/** Spark's NumberConverter: digits up to the first invalid one; 64-bit unsigned wrap; a negative toBase prints signed. */
const conv: ScalarFunction = {
  kind: 'scalar',
  name: 'conv',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 3);
    return { args: [implicitCast(args[0], DataTypes.StringType), implicitCast(args[1], DataTypes.IntegerType), implicitCast(args[2], DataTypes.IntegerType)], dataType: DataTypes.StringType };
  },
  compile: ([n, f, t]) => (row) => {
    const text = n(row) as string | null;
    const from = f(row) as number | null;
    const to = t(row) as number | null;
    if (text === null || from === null || to === null) return null;
    if (from < 2 || from > 36 || Math.abs(to) < 2 || Math.abs(to) > 36) return null;
    let s = text.trim();
    const negative = s.startsWith('-');
    if (negative) s = s.slice(1);
    let value = 0n;
    let any = false;
    for (const ch of s.toLowerCase()) {
      const d = parseInt(ch, 36);
      if (Number.isNaN(d) || d >= from) break;
      value = BigInt.asUintN(64, value * BigInt(from) + BigInt(d));
      any = true;
    }
    if (!any && s.length > 0) return '0';
    if (negative) value = BigInt.asUintN(64, -value);
    if (to < 0 && BigInt.asIntN(64, value) < 0n) return '-' + (-BigInt.asIntN(64, value)).toString(-to).toUpperCase();
    return value.toString(Math.abs(to)).toUpperCase();
  },
};

// ---------------------------------------------------------------------------------------------

const pow = (name: string, display: string) => binaryDouble(name, display, (x, y) => Math.pow(x, y));

export const MATH_FUNCTIONS: Entry[] = [
  { fn: abs, aliases: [] },
  { fn: ceilFloor('ceil', 'CEIL', true), aliases: [] },
  { fn: ceilFloor('ceiling', 'ceiling', true), aliases: [] },
  { fn: ceilFloor('floor', 'FLOOR', false), aliases: [] },
  { fn: roundFn('round'), aliases: [] },
  { fn: roundFn('bround'), aliases: [] },
  { fn: unaryDouble('sqrt', 'SQRT', Math.sqrt), aliases: [] },
  { fn: unaryDouble('cbrt', 'CBRT', Math.cbrt), aliases: [] },
  { fn: unaryDouble('exp', 'EXP', Math.exp), aliases: [] },
  { fn: unaryDouble('expm1', 'EXPM1', Math.expm1), aliases: [] },
  { fn: unaryDouble('ln', 'ln', positiveOrNull(Math.log)), aliases: [] },
  { fn: unaryDouble('log10', 'LOG10', positiveOrNull(Math.log10)), aliases: [] },
  { fn: unaryDouble('log2', 'LOG2', positiveOrNull(Math.log2)), aliases: [] },
  { fn: unaryDouble('log1p', 'LOG1P', (x) => (x <= -1 ? null : Math.log1p(x))), aliases: [] },
  { fn: log, aliases: [] },
  { fn: pow('pow', 'pow'), aliases: [] },
  { fn: pow('power', 'POWER'), aliases: [] },
  { fn: signum('sign', 'sign'), aliases: [] },
  { fn: signum('signum', 'SIGNUM'), aliases: [] },
  { fn: pmod, aliases: [] },
  { fn: extremeOf('greatest'), aliases: [] },
  { fn: extremeOf('least'), aliases: [] },
  { fn: constant('pi', Math.PI), aliases: [] },
  { fn: eConstant, aliases: [] },
  { fn: unaryDouble('sin', 'SIN', Math.sin), aliases: [] },
  { fn: unaryDouble('cos', 'COS', Math.cos), aliases: [] },
  { fn: unaryDouble('tan', 'TAN', Math.tan), aliases: [] },
  { fn: unaryDouble('cot', 'COT', (x) => 1 / Math.tan(x)), aliases: [] },
  { fn: unaryDouble('sec', 'SEC', (x) => 1 / Math.cos(x)), aliases: [] },
  { fn: unaryDouble('csc', 'CSC', (x) => 1 / Math.sin(x)), aliases: [] },
  { fn: unaryDouble('asin', 'ASIN', Math.asin), aliases: [] },
  { fn: unaryDouble('acos', 'ACOS', Math.acos), aliases: [] },
  { fn: unaryDouble('atan', 'ATAN', Math.atan), aliases: [] },
  { fn: unaryDouble('sinh', 'SINH', Math.sinh), aliases: [] },
  { fn: unaryDouble('cosh', 'COSH', Math.cosh), aliases: [] },
  { fn: unaryDouble('tanh', 'TANH', Math.tanh), aliases: [] },
  { fn: unaryDouble('asinh', 'ASINH', Math.asinh), aliases: [] },
  { fn: unaryDouble('acosh', 'ACOSH', Math.acosh), aliases: [] },
  { fn: unaryDouble('atanh', 'ATANH', Math.atanh), aliases: [] },
  { fn: binaryDouble('atan2', 'ATAN2', Math.atan2), aliases: [] },
  { fn: binaryDouble('hypot', 'HYPOT', Math.hypot), aliases: [] },
  { fn: unaryDouble('degrees', 'DEGREES', (x) => (x * 180) / Math.PI), aliases: [] },
  { fn: unaryDouble('radians', 'RADIANS', (x) => (x * Math.PI) / 180), aliases: [] },
  { fn: unaryDouble('rint', 'ROUND', (x) => roundHalfEven(x)), aliases: [] },
  { fn: factorial, aliases: [] },
  { fn: isnan, aliases: [] },
  { fn: nanvl, aliases: [] },
  { fn: hex, aliases: [] },
  { fn: unhex, aliases: [] },
  { fn: bin, aliases: [] },
  { fn: conv, aliases: [] },
  ...TRY_ARITHMETIC_FUNCTIONS,
  ...BITWISE_FUNCTIONS,
  ...BUCKET_FUNCTIONS,
];

/** Java's Math.rint: nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
