// width_bucket(value, min, max, numBucket) and make_interval(years, months, weeks, days, hours,
// mins, secs) -> CalendarIntervalType (Spark's MakeInterval: INT fields, secs DECIMAL(18,6);
// missing trailing fields default to 0; overflow raises ARITHMETIC_OVERFLOW in ANSI mode and
// gives NULL otherwise).
import { CalendarIntervalType, DataTypes, DecimalType, type CalendarInterval } from '../../types/data-types';
import { toDecimal } from '../../types/decimal';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { nullableThroughCasts } from '../cast';
import { literal } from '../literal';
import { prettySql } from '../expression-sql';
import { implicitCast, isIntegral, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { arithmeticOverflow } from './arithmetic';

type Entry = { fn: FunctionDefinition; aliases: string[] };

const sqlOf = (name: string, args: readonly Expression[]) => `${name}(${args.map(prettySql).join(', ')})`;

const widthBucket: ScalarFunction = {
  kind: 'scalar',
  name: 'width_bucket',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 4);
    const text = sqlOf('width_bucket', args);
    const cast = args.map((a, i) => {
      const t = a.dataType;
      if (i === 3) {
        if (isIntegral(t) || isNull(t)) return implicitCast(a, DataTypes.LongType);
        throw unexpectedInputTypeError(text, i, '"BIGINT"', prettySql(a), typeSql(t));
      }
      if (isNumeric(t) || isString(t) || isNull(t)) return implicitCast(a, DataTypes.DoubleType);
      throw unexpectedInputTypeError(text, i, '("DOUBLE" or "INTERVAL YEAR TO MONTH" or "INTERVAL DAY TO SECOND")', prettySql(a), typeSql(t));
    });
    return { args: cast, dataType: DataTypes.LongType, nullable: true };
  },
  compile([v, lo, hi, nb]) {
    return (row) => {
      const value = v(row) as number | null;
      const min = lo(row) as number | null;
      const max = hi(row) as number | null;
      const n = nb(row) as bigint | null;
      if (value === null || min === null || max === null || n === null) return null;
      if (n <= 0n || n === 2n ** 63n - 1n || Number.isNaN(value) || min === max || !Number.isFinite(min) || !Number.isFinite(max)) return null;
      const lower = Math.min(min, max);
      const upper = Math.max(min, max);
      const buckets = Number(n);
      if (min < max) {
        if (value < lower) return 0n;
        if (value >= upper) return n + 1n;
        return BigInt(Math.trunc((buckets * (value - lower)) / (upper - lower))) + 1n;
      }
      if (value > upper) return 0n;
      if (value <= lower) return n + 1n;
      return BigInt(Math.trunc((buckets * (upper - value)) / (upper - lower))) + 1n;
    };
  },
  sql: (args) => `width_bucket(${args.join(', ')})`,
};

const SECS_TYPE = new DecimalType(18, 6);
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

class Overflow extends Error {}

function intExact(v: number): number {
  if (v < INT_MIN || v > INT_MAX) throw new Overflow('integer overflow');
  return v;
}

function longExact(v: bigint): bigint {
  if (v < LONG_MIN || v > LONG_MAX) throw new Overflow('long overflow');
  return v;
}

const makeInterval: ScalarFunction = {
  kind: 'scalar',
  name: 'make_interval',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0, 7);
    const full = [...args];
    while (full.length < 6) full.push(literal(0, DataTypes.IntegerType));
    if (full.length < 7) full.push(literal(toDecimal('0.000000'), SECS_TYPE));
    const text = sqlOf('make_interval', full);
    const cast = full.map((a, i) => {
      const t = a.dataType;
      const target = i === 6 ? SECS_TYPE : DataTypes.IntegerType;
      const ok = isNull(t) || (i === 6 ? isNumeric(t) : ['byte', 'short', 'integer'].includes(t.typeName())) || isString(t);
      if (!ok) throw unexpectedInputTypeError(text, i, i === 6 ? '"DECIMAL(18,6)"' : '"INT"', prettySql(a), typeSql(t));
      return implicitCast(a, target);
    });
    // MakeInterval.nullable: with ANSI on only a nullable argument gives null (overflow fails).
    return { args: cast, dataType: new CalendarIntervalType(), nullable: !ctx.ansiEnabled || cast.some(nullableThroughCasts) };
  },
  compile(evals, _t, _type, ctx) {
    const ansi = ctx.ansiEnabled;
    return (row) => {
      const vals = evals.map((e) => e(row));
      if (vals.some((x) => x === null)) return null;
      const [years, months, weeks, days, hours, mins] = vals as number[];
      try {
        const totalMonths = intExact(months + intExact(years * 12));
        const totalDays = intExact(days + intExact(weeks * 7));
        const secs = toDecimal(vals[6]).setScale(6).unscaled;
        let micros = longExact(secs + longExact(BigInt(hours) * 3_600_000_000n));
        micros = longExact(micros + longExact(BigInt(mins) * 60_000_000n));
        const out: CalendarInterval = { months: totalMonths, days: totalDays, microseconds: micros };
        return out;
      } catch (e) {
        if (!(e instanceof Overflow)) throw e;
        if (ansi) throw arithmeticOverflow(e.message, '');
        return null;
      }
    };
  },
  sql: (args) => `make_interval(${args.join(', ')})`,
};

export const BUCKET_FUNCTIONS: Entry[] = [
  { fn: widthBucket, aliases: [] },
  { fn: makeInterval, aliases: [] },
];
