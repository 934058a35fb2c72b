// Aggregates beyond count/sum/avg/min/max (registered in builtin-functions.ts): first/last,
// collect_list/set, boolean and statistical aggregates, max_by/min_by, approx_count_distinct,
// percentile_approx/percentile/median, mode, histogram_numeric.
import { registerStateValueClass } from '../../util/value-codec';
import { ArrayType, DataType, DataTypes, DecimalType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import { AnalysisException } from '../../errors/analysis-exception';
import type { AggregateFunction, AggregateImpl, CompileContext } from '../function-definition';
import { forEachExpression, type Expression } from '../expression';
import { compileExpression } from '../compiler';
import { prettySql } from '../expression-sql';
import { compareValues, implicitCast, isBoolean, isIntegral, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { checkArity } from '../functions/check-args';
import { encodeCompositeKey } from '../../util/group-key';
import { compileCast } from '../cast';
import { AnsiIntervalType, DayTimeIntervalType } from '../../types/interval-types';
import { PercentileDigest } from './percentile-digest';
import { toDecimal } from '../../types/decimal';
import { approxCountDistinct } from './approx-count-distinct';

type Entry = { fn: AggregateFunction; aliases: string[] };

const sqlOf = (name: string, args: readonly Expression[]) => `${name}(${args.map(prettySql).join(', ')})`;

/** A constant argument's value (Spark requires foldable arguments for these parameters). */
function constantValue(e: Expression, fnSql: string, param: string): unknown {
  if (e.kind === 'literal') return e.value;
  let foldable = true;
  forEachExpression(e, (x) => {
    if (x.kind === 'attribute' || x.kind === 'aggregateCall' || x.kind === 'generatorCall' || x.kind === 'lambdaVariable') foldable = false;
    return !foldable;
  });
  if (foldable) return compileExpression(e, new Map(), { ansiEnabled: false, timeZone: 'UTC' })([]);
  throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: the input ${param} should be a foldable "${typeSql(e.dataType).toUpperCase()}" expression; however, got "${prettySql(e)}".`, {
    errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT',
    sqlState: '42K09',
    messageParameters: { inputName: `\`${param}\``, inputType: `"${typeSql(e.dataType)}"`, inputExpr: `"${prettySql(e)}"`, sqlExpr: `"${fnSql}"` },
  });
}

/** Arguments Spark implicitly casts to DOUBLE (statistical aggregates). */
function doubleArgs(name: string, args: Expression[]): Expression[] {
  return args.map((a, i) => {
    const t = a.dataType;
    if (isNumeric(t) || isString(t) || isNull(t)) return implicitCast(a, DataTypes.DoubleType);
    throw unexpectedInputTypeError(sqlOf(name, args), i, '"DOUBLE"', prettySql(a), typeSql(t));
  });
}

// ---------------------------------------------------------------------------------------------
// first / last / any_value

function firstLast(name: string, last: boolean): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1, 2);
      if (args.length === 2) {
        if (!isBoolean(args[1].dataType)) throw unexpectedInputTypeError(sqlOf(name, args), 1, '"BOOLEAN"', prettySql(args[1]), typeSql(args[1].dataType));
        constantValue(args[1], sqlOf(name, args), 'ignoreNulls');
      }
      return { args, dataType: args[0].dataType, nullable: true };
    },
    create(argTypes) {
      // Buffer [value, seen]; argument values arrive as [value, ignoreNulls] with two arguments.
      const two = argTypes.length === 2;
      return {
        init: () => [null, false],
        update: (b, v) => {
          const buf = b as [unknown, boolean];
          const value = two ? (v as unknown[])[0] : v;
          const ignoreNulls = two && (v as unknown[])[1] === true;
          if (ignoreNulls && value === null) return buf;
          if (!last && buf[1]) return buf;
          buf[0] = value;
          buf[1] = true;
          return buf;
        },
        merge: (l, r) => {
          const x = l as [unknown, boolean];
          const y = r as [unknown, boolean];
          if (last) return y[1] ? y : x;
          return x[1] ? x : y;
        },
        result: (b) => (b as [unknown, boolean])[0],
      };
    },
    // Spark names first(x, true) / first(x) IGNORE NULLS just `first(x)` (ignoreNulls is no child).
    sql: (args, distinct) => `${name}(${distinct ? 'DISTINCT ' : ''}${args[0]})`,
  };
}

// ---------------------------------------------------------------------------------------------
// count_if, collect_list, collect_set

const countIf: AggregateFunction = {
  kind: 'aggregate',
  name: 'count_if',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    if (!isBoolean(args[0].dataType) && !isNull(args[0].dataType)) throw unexpectedInputTypeError(sqlOf('count_if', args), 0, '"BOOLEAN"', prettySql(args[0]), typeSql(args[0].dataType));
    return { args, dataType: DataTypes.LongType, nullable: false };
  },
  create: () => ({
    init: () => 0,
    update: (b, v) => (v === true ? (b as number) + 1 : b),
    merge: (l, r) => (l as number) + (r as number),
    result: (b) => BigInt(b as number),
  }),
};

function collect(name: string, set: boolean): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      if (set && args[0].dataType.typeName() === 'map') {
        throw unexpectedInputTypeError(sqlOf(name, args), 0, '"ARRAY" or "STRUCT" or atomic type', prettySql(args[0]), typeSql(args[0].dataType));
      }
      return { args, dataType: new ArrayType(args[0].dataType, false), nullable: false };
    },
    create(): AggregateImpl {
      if (!set) {
        return {
          init: () => [],
          update: (b, v) => {
            if (v !== null) (b as unknown[]).push(v);
            return b;
          },
          merge: (l, r) => [...(l as unknown[]), ...(r as unknown[])],
          result: (b) => [...(b as unknown[])],
        };
      }
      const keyOf = (v: unknown) => (typeof v === 'object' ? encodeCompositeKey([v]) : v);
      return {
        init: () => new Map<unknown, unknown>(),
        update: (b, v) => {
          if (v !== null) {
            const k = keyOf(v);
            if (!(b as Map<unknown, unknown>).has(k)) (b as Map<unknown, unknown>).set(k, v);
          }
          return b;
        },
        merge: (l, r) => {
          const out = new Map(l as Map<unknown, unknown>);
          for (const [k, v] of r as Map<unknown, unknown>) if (!out.has(k)) out.set(k, v);
          return out;
        },
        result: (b) => [...(b as Map<unknown, unknown>).values()],
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// every / bool_and / some / any / bool_or

function boolAgg(name: string, and: boolean): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      const t = args[0].dataType;
      if (isString(t)) return { args: [implicitCast(args[0], DataTypes.BooleanType)], dataType: DataTypes.BooleanType, nullable: true };
      if (!isBoolean(t) && !isNull(t)) throw unexpectedInputTypeError(sqlOf(name, args), 0, '"BOOLEAN"', prettySql(args[0]), typeSql(t));
      return { args: [implicitCast(args[0], DataTypes.BooleanType)], dataType: DataTypes.BooleanType, nullable: true };
    },
    create() {
      const combine = (b: unknown, v: unknown) => (v === null ? b : b === null ? v : and ? (b as boolean) && (v as boolean) : (b as boolean) || (v as boolean));
      return { init: () => null, update: combine, merge: combine, result: (b) => b };
    },
  };
}

/** bit_and / bit_or / bit_xor: integral input, result of the same type; NULLs skipped. */
function bitAgg(name: string, op: (a: number, b: number) => number, bigOp: (a: bigint, b: bigint) => bigint): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      const t = isNull(args[0].dataType) ? DataTypes.IntegerType : args[0].dataType;
      if (!isIntegral(t)) throw unexpectedInputTypeError(sqlOf(name, args), 0, '"INTEGRAL"', prettySql(args[0]), typeSql(args[0].dataType));
      return { args: [implicitCast(args[0], t)], dataType: t, nullable: true };
    },
    create(argTypes) {
      const long = argTypes[0].typeName() === 'long';
      const combine = (b: unknown, v: unknown) =>
        v === null ? b : b === null ? v : long ? bigOp(b as bigint, v as bigint) : op(b as number, v as number);
      return { init: () => null, update: combine, merge: combine, result: (b) => b };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Central moments (Spark's CentralMomentAgg): buffer [n, avg, m2, m3, m4].

type Moments = [number, number, number, number, number];

function momentsUpdate(b: Moments, x: number, order: number): Moments {
  // Spark's CentralMomentAgg update, term for term (the float results then match Spark's).
  const n = b[0] + 1;
  const delta = x - b[1];
  const deltaN = delta / n;
  const m2 = b[2] + delta * (delta - deltaN);
  if (order >= 3) {
    const delta2 = delta * delta;
    const deltaN2 = deltaN * deltaN;
    const m3 = b[3] - 3 * deltaN * m2 + delta * (delta2 - deltaN2);
    if (order >= 4) b[4] = b[4] - 4 * deltaN * m3 - 6 * deltaN2 * m2 + delta * (delta * delta2 - deltaN * deltaN2);
    b[3] = m3;
  }
  b[2] = m2;
  b[1] += deltaN;
  b[0] = n;
  return b;
}

function momentsMerge(a: Moments, c: Moments): Moments {
  const [na, ma, m2a, m3a, m4a] = a;
  const [nb, mb, m2b, m3b, m4b] = c;
  if (na === 0) return [...c] as Moments;
  if (nb === 0) return [...a] as Moments;
  const n = na + nb;
  const delta = mb - ma;
  const deltaN = delta / n;
  const m2 = m2a + m2b + delta * deltaN * na * nb;
  const m3 = m3a + m3b + deltaN * deltaN * delta * na * nb * (na - nb) + 3 * deltaN * (na * m2b - nb * m2a);
  const m4 =
    m4a + m4b + deltaN * deltaN * deltaN * delta * na * nb * (na * na - na * nb + nb * nb) + 6 * deltaN * deltaN * (na * na * m2b + nb * nb * m2a) + 4 * deltaN * (na * m3b - nb * m3a);
  return [n, ma + deltaN * nb, m2, m3, m4];
}

function moment(name: string, order: number, evaluate: (m: Moments) => number | null): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 1);
      return { args: doubleArgs(name, args), dataType: DataTypes.DoubleType, nullable: true };
    },
    create: () => ({
      init: () => [0, 0, 0, 0, 0],
      update: (b, v) => (v === null ? b : momentsUpdate(b as Moments, v as number, order)),
      merge: (l, r) => momentsMerge(l as Moments, r as Moments),
      result: (b) => evaluate(b as Moments),
    }),
  };
}

// Spark 4 (spark.sql.legacy.statisticalAggregate=false): division by zero gives NULL, not NaN.
const varSamp = (m: Moments) => (m[0] === 0 || m[0] === 1 ? null : m[2] / (m[0] - 1));
const varPop = (m: Moments) => (m[0] === 0 ? null : m[2] / m[0]);
const sqrtOrNull = (v: number | null) => (v === null ? null : Math.sqrt(v));

// ---------------------------------------------------------------------------------------------
// corr / covar_pop / covar_samp (Spark's PearsonCorrelation / Covariance): [n, xAvg, yAvg, ck, xMk, yMk]

type CoMoments = [number, number, number, number, number, number];

function coUpdate(b: CoMoments, x: number, y: number): CoMoments {
  const n = b[0] + 1;
  const dx = x - b[1];
  const dxN = dx / n;
  const dy = y - b[2];
  const dyN = dy / n;
  b[1] += dxN;
  b[2] += dyN;
  b[3] += dx * (y - b[2]);
  b[4] += dx * (x - b[1]);
  b[5] += dy * (y - b[2]);
  b[0] = n;
  return b;
}

function coMerge(a: CoMoments, c: CoMoments): CoMoments {
  if (a[0] === 0) return [...c] as CoMoments;
  if (c[0] === 0) return [...a] as CoMoments;
  const n = a[0] + c[0];
  const dx = c[1] - a[1];
  const dy = c[2] - a[2];
  const f = (a[0] * c[0]) / n;
  return [n, a[1] + (dx * c[0]) / n, a[2] + (dy * c[0]) / n, a[3] + c[3] + dx * dy * f, a[4] + c[4] + dx * dx * f, a[5] + c[5] + dy * dy * f];
}

function coMoment(name: string, evaluate: (m: CoMoments) => number | null): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      return { args: doubleArgs(name, args), dataType: DataTypes.DoubleType, nullable: true };
    },
    create: () => ({
      init: () => [0, 0, 0, 0, 0, 0],
      update: (b, v) => {
        const [x, y] = v as [number | null, number | null];
        return x === null || y === null ? b : coUpdate(b as CoMoments, x, y);
      },
      merge: (l, r) => coMerge(l as CoMoments, r as CoMoments),
      result: (b) => evaluate(b as CoMoments),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// max_by / min_by

function extremumBy(name: 'max_by' | 'min_by'): AggregateFunction {
  const better = name === 'max_by' ? (c: number) => c > 0 : (c: number) => c < 0;
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2);
      if (args[1].dataType.typeName() === 'map') throw unexpectedInputTypeError(sqlOf(name, args), 1, '"ORDERABLE"', prettySql(args[1]), typeSql(args[1].dataType));
      return { args, dataType: args[0].dataType, nullable: true };
    },
    create: () => {
      // Buffer [value, ordering] or null.
      const pick = (b: unknown, c: unknown) => {
        if (c === null) return b;
        if (b === null) return c;
        return better(compareValues((c as unknown[])[1], (b as unknown[])[1])) ? c : b;
      };
      return {
        init: () => null,
        update: (b, v) => ((v as unknown[])[1] === null ? b : pick(b, [...(v as unknown[])])),
        merge: pick,
        result: (b) => (b === null ? null : (b as unknown[])[0]),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// approx_count_distinct: HyperLogLog++, in approx-count-distinct.ts.

// ---------------------------------------------------------------------------------------------
// Percentiles. percentile_approx: Spark's Greenwald-Khanna digest (percentile-digest.ts).

function collectingImpl(result: (values: unknown[]) => unknown): AggregateImpl {
  return {
    init: () => [],
    update: (b, v) => {
      if (v !== null) (b as unknown[]).push(v);
      return b;
    },
    merge: (l, r) => [...(l as unknown[]), ...(r as unknown[])],
    result: (b) => result(b as unknown[]),
  };
}

/** A percentage argument's value (one number or an array; decimals read as doubles) as numbers. */
function percentagesOf(v: unknown): number[] {
  return (Array.isArray(v) ? (v as unknown[]) : [v]).map((x) => Number(typeof x === 'object' && x !== null ? toDecimal(x).toNumber() : x));
}

function percentageArg(e: Expression, fnSql: string): { values: number[]; array: boolean } {
  const v = constantValue(e, fnSql, 'percentage');
  const array = Array.isArray(v);
  const values = (array ? (v as unknown[]) : [v]).map((x) => (x === null ? NaN : Number(typeof x === 'object' ? toDecimal(x).toNumber() : x)));
  for (const p of values) {
    if (!(p >= 0 && p <= 1)) {
      throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: The percentage must be between [0.0, 1.0], but got ${prettySql(e)}.`, {
        errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
        sqlState: '42K09',
        messageParameters: { exprName: 'percentage', valueRange: '[0.0, 1.0]', currentValue: prettySql(e), sqlExpr: `"${fnSql}"` },
      });
    }
  }
  return { values, array };
}

function orderable(t: DataType): boolean {
  return isNumeric(t) || t instanceof AnsiIntervalType || ['date', 'timestamp', 'timestamp_ntz'].includes(t.typeName());
}

/** A percentile_approx input value as the double the digest holds (Spark's update). */
function digestInput(t: DataType): (v: unknown) => number {
  if (t instanceof DecimalType) return (v) => toDecimal(v).toNumber();
  return (v) => Number(v);
}

/** Java's (long) of a double: truncated, saturated, NaN 0. */
function javaLong(x: number): bigint {
  if (x !== x) return 0n;
  if (x >= 9223372036854775807) return 9223372036854775807n;
  if (x <= -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(x));
}

/** Java's (int) of a double: truncated, saturated, NaN 0. */
function javaInt(x: number): number {
  if (x !== x) return 0;
  return Math.trunc(Math.min(2147483647, Math.max(-2147483648, x)));
}

/** A percentile back in the input's type (Spark's eval: toInt, toLong, toFloat, Decimal). */
function digestOutput(t: DataType, ctx: CompileContext): (x: number) => unknown {
  if (t instanceof DecimalType) {
    const cast = compileCast(DataTypes.DoubleType, t, true, ctx.timeZone);
    return (x) => cast(x);
  }
  switch (t.typeName()) {
    case 'double':
      return (x) => x;
    case 'float':
      return (x) => Math.fround(x);
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return javaLong;
    case 'byte':
      return (x) => (javaInt(x) << 24) >> 24;
    case 'short':
      return (x) => (javaInt(x) << 16) >> 16;
    default:
      // integer, date, year-month intervals: ints; day-time intervals: longs.
      return t instanceof DayTimeIntervalType ? javaLong : javaInt;
  }
}

function percentileApprox(name: string): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, 2, 3);
      const fnSql = sqlOf(name, args);
      const t = args[0].dataType;
      if (!orderable(t)) throw unexpectedInputTypeError(fnSql, 0, '("NUMERIC" or "DATE" or "TIMESTAMP" or "TIMESTAMP_NTZ" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', prettySql(args[0]), typeSql(t));
      const { array } = percentageArg(args[1], fnSql);
      if (args.length === 3) {
        const raw = constantValue(args[2], fnSql, 'accuracy');
        if (raw === null) {
          throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: The accuracy must not be null.`, { errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_NULL', sqlState: '42K09', messageParameters: { exprName: 'accuracy', sqlExpr: `"${fnSql}"` } });
        }
        // Spark reads the accuracy as a Long: (0, Int.MaxValue].
        const acc = typeof raw === 'bigint' ? raw : BigInt(Math.trunc(Number(raw)));
        if (acc <= 0n || acc > 2147483647n) {
          throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: The accuracy must be between (0, 2147483647] (current value = ${acc}L).`, {
            errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
            sqlState: '42K09',
            messageParameters: { exprName: 'accuracy', valueRange: '(0, 2147483647]', currentValue: `${acc}L`, sqlExpr: `"${fnSql}"` },
          });
        }
      }
      // The default accuracy shows in the column name: percentile_approx(a, 0.8, 10000).
      const full = args.length === 3 ? args : [...args, { kind: 'literal', value: 10000, dataType: DataTypes.IntegerType } as Expression];
      return { args: full, dataType: array ? new ArrayType(t, false) : t, nullable: true };
    },
    create(argTypes, resultType, ctx) {
      const array = resultType instanceof ArrayType;
      const toDouble = digestInput(argTypes[0]);
      const fromDouble = digestOutput(argTypes[0], ctx);
      let percentages: number[] | undefined;
      let relativeError = NaN;
      // State of earlier versions kept every value (a list): read as a digest of them.
      const digestOf = (b: unknown): PercentileDigest => {
        if (b instanceof PercentileDigest) return b;
        const d = new PercentileDigest(relativeError === relativeError ? relativeError : 1 / 10000);
        for (const v of b as unknown[]) d.add(toDouble(v));
        return d;
      };
      return {
        // The relative error (1 / accuracy) is set by the first value (the accuracy is a constant).
        init: () => new PercentileDigest(NaN),
        update: (b, v) => {
          const row = v as unknown[];
          if (percentages === undefined && row[1] !== null) {
            percentages = percentagesOf(row[1]);
          }
          const digest = b as PercentileDigest;
          if (row[0] === null) return digest;
          if (relativeError !== relativeError) relativeError = 1 / Number(row[2]);
          if (digest.relativeError !== digest.relativeError) digest.relativeError = relativeError;
          digest.add(toDouble(row[0]));
          return digest;
        },
        merge: (l, r) => digestOf(l).merge(digestOf(r)),
        result: (b) => {
          if (percentages === undefined) return null;
          const values = digestOf(b).percentiles(percentages);
          if (values.length === 0) return null;
          return array ? values.map(fromDouble) : fromDouble(values[0]);
        },
      };
    },
    sql: (args, distinct) => `${name}(${distinct ? 'DISTINCT ' : ''}${args.join(', ')})`,
  };
}

/** Exact percentile with linear interpolation (Spark's Percentile); result DOUBLE. */
function exactPercentile(name: 'percentile' | 'median'): AggregateFunction {
  return {
    kind: 'aggregate',
    name,
    resolve(args, ctx) {
      checkArity(ctx.name, args, name === 'median' ? 1 : 2, name === 'median' ? 1 : 3);
      const fnSql = sqlOf(name, args);
      const t = args[0].dataType;
      if (!isNumeric(t) && !isNull(t) && !(t instanceof AnsiIntervalType)) throw unexpectedInputTypeError(fnSql, 0, '"NUMERIC"', prettySql(args[0]), typeSql(t));
      const array = name === 'percentile' && percentageArg(args[1], fnSql).array;
      const value = t instanceof AnsiIntervalType ? args[0] : implicitCast(args[0], DataTypes.DoubleType);
      const out: DataType = t instanceof AnsiIntervalType ? t : DataTypes.DoubleType;
      const frequency: Expression[] = name === 'median' ? [] : [args[2] ?? ({ kind: 'literal', value: 1n, dataType: DataTypes.LongType } as Expression)];
      return { args: [value, ...args.slice(1, 2), ...frequency], dataType: array ? new ArrayType(out, false) : out, nullable: true };
    },
    create(argTypes, resultType) {
      const array = resultType instanceof ArrayType;
      let percentages: number[] = [0.5];
      const interval = argTypes[0] instanceof AnsiIntervalType;
      const impl = collectingImpl((values) => {
        if (values.length === 0) return null;
        const sorted = values.map((v) => Number(v)).sort((a, b) => a - b);
        const at = (p: number) => {
          const pos = p * (sorted.length - 1);
          const lo = Math.floor(pos);
          const hi = Math.ceil(pos);
          const v = lo === hi ? sorted[lo] : sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
          return interval ? (typeof values[0] === 'bigint' ? BigInt(Math.round(v)) : Math.round(v)) : v;
        };
        return array ? percentages.map(at) : at(percentages[0]);
      });
      if (argTypes.length === 1) return impl;
      let set = false;
      return {
        ...impl,
        update: (b, v) => {
          const row = v as unknown[];
          if (!set && row[1] !== null) {
            set = true;
            percentages = percentagesOf(row[1]);
          }
          return impl.update(b, row[0]);
        },
      };
    },
    sql: (args, distinct) => `${name}(${distinct ? 'DISTINCT ' : ''}${args.join(', ')})`,
  };
}

const mode: AggregateFunction = {
  kind: 'aggregate',
  name: 'mode',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    return { args: [args[0]], dataType: args[0].dataType, nullable: true };
  },
  create: () => {
    const keyOf = (v: unknown) => (typeof v === 'object' ? encodeCompositeKey([v]) : v);
    return {
      init: () => new Map<unknown, [unknown, number]>(),
      update: (b, v) => {
        if (v === null) return b;
        const m = b as Map<unknown, [unknown, number]>;
        const k = keyOf(v);
        const e = m.get(k);
        if (e) e[1]++;
        else m.set(k, [v, 1]);
        return m;
      },
      merge: (l, r) => {
        const out = new Map<unknown, [unknown, number]>();
        for (const [k, e] of l as Map<unknown, [unknown, number]>) out.set(k, [e[0], e[1]]);
        for (const [k, e] of r as Map<unknown, [unknown, number]>) {
          const x = out.get(k);
          if (x) x[1] += e[1];
          else out.set(k, [e[0], e[1]]);
        }
        return out;
      },
      result: (b) => {
        let best: [unknown, number] | null = null;
        for (const e of (b as Map<unknown, [unknown, number]>).values()) if (best === null || e[1] > best[1]) best = e;
        return best === null ? null : best[0];
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// histogram_numeric (Hive's NumericHistogram, as Spark): bins merged at the closest pair.

const histogramNumeric: AggregateFunction = {
  kind: 'aggregate',
  name: 'histogram_numeric',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2);
    const fnSql = sqlOf('histogram_numeric', args);
    const t = args[0].dataType;
    if (!orderable(t) && !isNull(t)) throw unexpectedInputTypeError(fnSql, 0, '("NUMERIC" or "TIMESTAMP" or "DATE" or "INTERVAL")', prettySql(args[0]), typeSql(t));
    const nb = Number(constantValue(args[1], fnSql, 'nb'));
    if (!(nb >= 2)) {
      throw new AnalysisException(`Cannot resolve "${fnSql}" due to data type mismatch: The nb must be between [2, 2147483647], but got ${nb}.`, {
        errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
        sqlState: '42K09',
      });
    }
    const x = isNull(t) ? DataTypes.DoubleType : t;
    const element = new StructType([new StructField('x', x, true), new StructField('y', DataTypes.DoubleType, true)]);
    return { args: [isNull(t) ? implicitCast(args[0], DataTypes.DoubleType) : args[0], args[1]], dataType: new ArrayType(element, true), nullable: true };
  },
  create(argTypes) {
    const t = argTypes[0];
    const toDouble = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : toDecimal(v).toNumber());
    const back = isNumeric(t) ? compileCast(DataTypes.DoubleType, t, true, 'UTC') : undefined;
    const fromDouble = (d: number): unknown => {
      if (back) return back(d);
      // Dates and year-month intervals are int counts; timestamps and day-time intervals bigint micros.
      const n = Math.trunc(d);
      return t.typeName() === 'date' || t.typeName().startsWith('interval year') || t.typeName() === 'interval month' ? n : BigInt(n);
    };
    type Hist = { nb: number; bins: [number, number][]; prng: JavaRandom };
    const trim = (h: Hist) => {
      while (h.bins.length > h.nb) {
        // Merge the closest adjacent pair; ties are broken by Hive's seeded java.util.Random.
        let best = 0;
        let gap = h.bins[1][0] - h.bins[0][0];
        let ties = 1;
        for (let i = 1; i < h.bins.length - 1; i++) {
          const d = h.bins[i + 1][0] - h.bins[i][0];
          if (d < gap) {
            gap = d;
            best = i;
            ties = 1;
          } else if (d === gap && h.prng.nextDouble() <= 1 / ++ties) {
            best = i;
          }
        }
        const [x1, y1] = h.bins[best];
        const [x2, y2] = h.bins[best + 1];
        h.bins.splice(best, 2, [(x1 * y1 + x2 * y2) / (y1 + y2), y1 + y2]);
      }
    };
    const add = (h: Hist, x: number) => {
      let lo = 0;
      let hi = h.bins.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (h.bins[mid][0] < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo < h.bins.length && h.bins[lo][0] === x) h.bins[lo][1] += 1;
      else {
        h.bins.splice(lo, 0, [x, 1]);
        trim(h);
      }
    };
    return {
      init: () => ({ nb: 0, bins: [], prng: new JavaRandom(HIVE_HISTOGRAM_SEED) }) as Hist,
      update: (b, v) => {
        const [x, nb] = v as [unknown, unknown];
        const h = b as Hist;
        if (h.nb === 0) h.nb = Number(nb);
        if (x !== null) add(h, toDouble(x));
        return h;
      },
      merge: (l, r) => {
        // Hive's NumericHistogram.merge: concatenate, sort by x, trim.
        const left = l as Hist;
        const right = r as Hist;
        if (left.bins.length === 0) return { nb: left.nb || right.nb, bins: right.bins.map((b) => [b[0], b[1]]), prng: left.prng } as Hist;
        const out: Hist = { nb: left.nb || right.nb, bins: [...left.bins, ...right.bins.map((b) => [b[0], b[1]] as [number, number])].sort((a, c) => a[0] - c[0]), prng: left.prng };
        trim(out);
        return out;
      },
      result: (b) => {
        const h = b as Hist;
        return h.bins.length === 0 ? null : h.bins.map(([x, y]) => [fromDouble(x), y]);
      },
    };
  },
};

const HIVE_HISTOGRAM_SEED = 31183;

/** java.util.Random (48-bit LCG), for Hive's deterministic tie-breaking. */
class JavaRandom {
  private seed: bigint;
  constructor(seed: number) {
    this.seed = (BigInt(seed) ^ 0x5deece66dn) & ((1n << 48n) - 1n);
  }
  private next(bits: number): number {
    this.seed = (this.seed * 0x5deece66dn + 0xbn) & ((1n << 48n) - 1n);
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }
}

function stat(name: string, order: number, evaluate: (m: Moments) => number | null, aliases: string[] = []): Entry {
  return { fn: moment(name, order, evaluate), aliases };
}

export const MORE_AGGREGATE_FUNCTIONS: Entry[] = [
  { fn: firstLast('first', false), aliases: [] },
  { fn: firstLast('first_value', false), aliases: [] },
  { fn: firstLast('any_value', false), aliases: [] },
  { fn: firstLast('last', true), aliases: [] },
  { fn: firstLast('last_value', true), aliases: [] },
  { fn: countIf, aliases: [] },
  { fn: collect('collect_list', false), aliases: ['array_agg'] },
  { fn: collect('collect_set', true), aliases: [] },
  { fn: boolAgg('every', true), aliases: [] },
  { fn: boolAgg('bool_and', true), aliases: [] },
  { fn: boolAgg('some', false), aliases: [] },
  { fn: boolAgg('any', false), aliases: [] },
  { fn: boolAgg('bool_or', false), aliases: [] },
  stat('stddev', 2, (m) => sqrtOrNull(varSamp(m))),
  stat('std', 2, (m) => sqrtOrNull(varSamp(m))),
  stat('stddev_samp', 2, (m) => sqrtOrNull(varSamp(m))),
  stat('stddev_pop', 2, (m) => sqrtOrNull(varPop(m))),
  stat('variance', 2, varSamp),
  stat('var_samp', 2, varSamp),
  stat('var_pop', 2, varPop),
  stat('skewness', 3, (m) => (m[0] === 0 || m[2] === 0 ? null : (Math.sqrt(m[0]) * m[3]) / Math.sqrt(m[2] * m[2] * m[2]))),
  stat('kurtosis', 4, (m) => (m[0] === 0 || m[2] === 0 ? null : (m[0] * m[4]) / (m[2] * m[2]) - 3)),
  { fn: coMoment('corr', (m) => (m[0] === 0 || m[4] === 0 || m[5] === 0 ? null : m[3] / Math.sqrt(m[4] * m[5]))), aliases: [] },
  { fn: coMoment('covar_pop', (m) => (m[0] === 0 ? null : m[3] / m[0])), aliases: [] },
  { fn: coMoment('covar_samp', (m) => (m[0] === 0 || m[0] === 1 ? null : m[3] / (m[0] - 1))), aliases: [] },
  { fn: extremumBy('max_by'), aliases: [] },
  { fn: extremumBy('min_by'), aliases: [] },
  { fn: approxCountDistinct, aliases: [] },
  { fn: percentileApprox('percentile_approx'), aliases: [] },
  { fn: percentileApprox('approx_percentile'), aliases: [] },
  { fn: exactPercentile('percentile'), aliases: [] },
  { fn: exactPercentile('median'), aliases: [] },
  { fn: mode, aliases: [] },
  { fn: histogramNumeric, aliases: [] },
  { fn: bitAgg('bit_and', (a, b) => a & b, (a, b) => a & b), aliases: [] },
  { fn: bitAgg('bit_or', (a, b) => a | b, (a, b) => a | b), aliases: [] },
  { fn: bitAgg('bit_xor', (a, b) => a ^ b, (a, b) => a ^ b), aliases: [] },
];


// histogram_numeric keeps a JavaRandom in its buffer; streaming state files must restore it.
registerStateValueClass('JavaRandom', JavaRandom);
