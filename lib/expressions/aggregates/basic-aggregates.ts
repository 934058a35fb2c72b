// count, sum, avg, min, max. Buffers are plain values so updating a group allocates nothing.
import { DataType, DataTypes, DecimalType } from '../../types/data-types';
import { Decimal, toDecimal } from '../../types/decimal';
import { boundedDecimal } from '../../types/decimal-precision';
import { SparkException, ArithmeticException } from '../../errors/spark-exception';
import { AnalysisException } from '../../errors/analysis-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { AggregateFunction, AggregateImpl } from '../function-definition';
import { prettySql } from '../expression-sql';
import { compareValues, implicitCast, isIntegral, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { checkArity } from '../functions/check-args';
import { arithmeticOverflow } from '../functions/arithmetic';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export const count: AggregateFunction = {
  kind: 'aggregate',
  name: 'count',
  resolve(args, ctx) {
    if (args.length === 0) {
      // Spark: count() is an error unless spark.sql.legacy.allowParameterlessCount is set.
      throw new AnalysisException(
        `The \`count\` requires  >= 1 parameters but the actual number is 0. If you have to call this function with 0 parameters, set the legacy configuration "spark.sql.legacy.allowParameterlessCount" to "true".`,
        {
          errorClass: 'WRONG_NUM_ARGS.WITH_SUGGESTION',
          sqlState: '42605',
          messageParameters: { functionName: '`count`', expectedNum: ' >= 1', actualNum: '0', legacyNum: '0', legacyConfKey: '"spark.sql.legacy.allowParameterlessCount"', legacyConfValue: '"true"' },
        },
      );
    }
    return { args, dataType: DataTypes.LongType, nullable: false };
  },
  create(argTypes) {
    // A number buffer stays exact far beyond any realistic count and avoids bigint work per row.
    const multi = argTypes.length > 1;
    return {
      init: () => 0,
      update: multi
        ? (b, v) => ((v as unknown[]).includes(null) ? b : (b as number) + 1)
        : (b, v) => (v === null ? b : (b as number) + 1),
      merge: (l, r) => (l as number) + (r as number),
      result: (b) => BigInt(b as number),
    };
  },
};

function numericArg(name: string, args: Parameters<AggregateFunction['resolve']>[0]) {
  const a = args[0];
  const t = a.dataType;
  if (isString(t) || isNull(t)) return implicitCast(a, DataTypes.DoubleType);
  if (!isNumeric(t)) throw unexpectedInputTypeError(`${name}(${prettySql(a)})`, 0, '("NUMERIC" or "ANSI INTERVAL")', prettySql(a), typeSql(t));
  return a;
}

export const sum: AggregateFunction = {
  kind: 'aggregate',
  name: 'sum',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const a = numericArg('sum', args);
    const t = a.dataType;
    // Spark: integral sums are BIGINT, decimal(p, s) sums are decimal(p + 10, s), the rest DOUBLE.
    if (t instanceof DecimalType) return { args: [a], dataType: boundedDecimal(t.precision + 10, t.scale), nullable: true };
    const result: DataType = isIntegral(t) ? DataTypes.LongType : DataTypes.DoubleType;
    return { args: [implicitCast(a, result)], dataType: result, nullable: true };
  },
  create(_argTypes, resultType, ctx): AggregateImpl {
    if (resultType instanceof DecimalType) return decimalSum(resultType, ctx.ansiEnabled);
    if (resultType.typeName() === 'long') {
      const check = (v: bigint): bigint => {
        if (v < LONG_MIN || v > LONG_MAX) {
          // Spark's sum adds with Add in ANSI mode: the overflow is Add's, hinting try_add.
          if (ctx.ansiEnabled) throw arithmeticOverflow('long overflow', 'try_add');
          return BigInt.asIntN(64, v);
        }
        return v;
      };
      // The buffer is a double while the sum is a safe integer (exact, and no BigInt allocated per
      // row), a bigint beyond that; result() gives the LONG as a bigint either way.
      const add = (b: unknown, v: unknown): unknown => {
        if (typeof b === 'number' && typeof v === 'number') {
          const s = b + v;
          return Number.isSafeInteger(s) ? s : check(BigInt(b) + BigInt(v));
        }
        return check(BigInt(b as bigint | number) + BigInt(v as bigint | number));
      };
      const narrow = (v: bigint): number | bigint => {
        const x = Number(v);
        return Number.isSafeInteger(x) ? x : v;
      };
      return {
        init: () => null,
        update: (b, v) => (v === null ? b : b === null ? narrow(v as bigint) : add(b, typeof v === 'bigint' ? narrow(v) : v)),
        merge: (l, r) => (l === null ? r : r === null ? l : add(l, r)),
        result: (b) => (typeof b === 'number' ? BigInt(b) : b),
        prepare: (v) => (typeof v === 'bigint' ? narrow(v) : v),
      };
    }
    return {
      init: () => null,
      update: (b, v) => (v === null ? b : b === null ? v : (b as number) + (v as number)),
      merge: (l, r) => (l === null ? r : r === null ? l : (l as number) + (r as number)),
      result: (b) => b,
    };
  },
};

export const avg: AggregateFunction = {
  kind: 'aggregate',
  name: 'avg',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const a = numericArg(ctx.name, args);
    // Spark: avg of decimal(p, s) is decimal(p + 4, s + 4); everything else averages as DOUBLE.
    if (a.dataType instanceof DecimalType) return { args: [a], dataType: boundedDecimal(a.dataType.precision + 4, a.dataType.scale + 4), nullable: true };
    return { args: [implicitCast(a, DataTypes.DoubleType)], dataType: DataTypes.DoubleType, nullable: true };
  },
  create(argTypes, resultType, ctx): AggregateImpl {
    if (resultType instanceof DecimalType) {
      const sumImpl = decimalSum(boundedDecimal((argTypes[0] as DecimalType).precision + 10, (argTypes[0] as DecimalType).scale), ctx.ansiEnabled);
      return {
        init: () => [null, 0],
        update: (b, v) => {
          if (v === null) return b;
          const buf = b as [unknown, number];
          return [sumImpl.update(buf[0], v), buf[1] + 1];
        },
        merge: (l, r) => {
          const x = l as [unknown, number];
          const y = r as [unknown, number];
          return [sumImpl.merge(x[0], y[0]), x[1] + y[1]];
        },
        result: (b) => {
          const [total, n] = b as [Decimal | null, number];
          if (total === null || n === 0) return null;
          return total.divide(Decimal.fromBigInt(BigInt(n)), resultType.scale);
        },
      };
    }
    // Buffer [sum, count]; a fresh array per group only.
    return {
      init: () => [0, 0],
      update: (b, v) => {
        if (v !== null) {
          const buf = b as [number, number];
          buf[0] += v as number;
          buf[1] += 1;
        }
        return b;
      },
      merge: (l, r) => {
        const a = l as [number, number];
        const c = r as [number, number];
        return [a[0] + c[0], a[1] + c[1]];
      },
      result: (b) => {
        const buf = b as [number, number];
        return buf[1] === 0 ? null : buf[0] / buf[1];
      },
    };
  },
};

/** Exact decimal sums; overflow past the result precision is Spark's error (ANSI) or null. */
function decimalSum(resultType: DecimalType, ansi: boolean): AggregateImpl {
  const OVERFLOW = Symbol('overflow');
  const check = (d: Decimal): Decimal | typeof OVERFLOW => {
    if (d.toPrecision(resultType.precision, resultType.scale) !== null) return d;
    if (ansi) {
      throw new ArithmeticException(
        `The ${d.toPlainString()} rounded half up from ${d.toPlainString()} cannot be represented as Decimal(${resultType.precision}, ${resultType.scale}). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead.`,
        { errorClass: 'NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION', sqlState: '22003', messageParameters: { value: d.toPlainString(), precision: String(resultType.precision), scale: String(resultType.scale), config: '"spark.sql.ansi.enabled"' } },
      );
    }
    return OVERFLOW;
  };
  const add = (b: unknown, v: unknown): unknown => {
    if (v === null) return b;
    if (b === OVERFLOW || v === OVERFLOW) return OVERFLOW;
    return b === null ? check(toDecimal(v)) : check((b as Decimal).add(toDecimal(v)));
  };
  return {
    init: () => null,
    update: add,
    merge: add,
    result: (b) => (b === null || b === OVERFLOW ? null : (b as Decimal).setScale(resultType.scale)),
  };
}

function extremum(name: 'min' | 'max'): AggregateFunction {
  const better = name === 'min' ? (c: number) => c < 0 : (c: number) => c > 0;
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      const t = args[0].dataType;
      if (t.typeName() === 'map') {
        throw unexpectedInputTypeError(`${name}(${prettySql(args[0])})`, 0, '"ORDERABLE"', prettySql(args[0]), typeSql(t));
      }
      return { args, dataType: t, nullable: true };
    },
    create(): AggregateImpl {
      const pick = (b: unknown, v: unknown) => (v === null ? b : b === null ? v : better(compareValues(v, b)) ? v : b);
      return { init: () => null, update: pick, merge: pick, result: (b) => b };
    },
  };
}

export const AGGREGATE_FUNCTIONS: { fn: AggregateFunction; aliases: string[] }[] = [
  { fn: count, aliases: [] },
  { fn: sum, aliases: [] },
  { fn: avg, aliases: ['mean'] },
  { fn: extremum('min'), aliases: [] },
  { fn: extremum('max'), aliases: [] },
];
