// make_dt_interval(days, hours, mins, secs) -> INTERVAL DAY TO SECOND and make_ym_interval(years,
// months) -> INTERVAL YEAR TO MONTH (Spark's MakeDTInterval / MakeYMInterval): INT fields, secs
// DECIMAL(18,6), missing trailing fields 0, NULL in -> NULL out, and overflow always raises
// INTERVAL_ARITHMETIC_OVERFLOW (Spark's IntervalUtils use exact arithmetic, whatever ANSI says).
import { DataTypes, DecimalType } from '../../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../../types/interval-types';
import { toDecimal } from '../../types/decimal';
import { SparkException, ArithmeticException } from '../../errors/spark-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { nullableThroughCasts } from '../cast';
import { literal } from '../literal';
import { prettySql } from '../expression-sql';
import { implicitCast, isNull, isNumeric, isString, typeSql } from '../type-utils';
import { checkArity } from './check-args';

const SECS_TYPE = new DecimalType(18, 6);
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function intervalOverflow(): SparkException {
  return new ArithmeticException('Integer overflow while operating with intervals. Try devising appropriate values for the interval parameters.', {
    errorClass: 'INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION',
    sqlState: '22015',
  });
}

function longExact(v: bigint): bigint {
  if (v < LONG_MIN || v > LONG_MAX) throw intervalOverflow();
  return v;
}

/** Completes and casts the arguments: INT fields (and DECIMAL(18,6) secs at `secsIndex`). */
function resolveFields(name: string, args: Expression[], count: number, secsIndex: number): Expression[] {
  const full = [...args];
  while (full.length < count) full.push(full.length === secsIndex ? literal(toDecimal('0.000000'), SECS_TYPE) : literal(0, DataTypes.IntegerType));
  const text = `${name}(${full.map(prettySql).join(', ')})`;
  return full.map((a, i) => {
    const t = a.dataType;
    const ok = isNull(t) || (i === secsIndex ? isNumeric(t) : ['byte', 'short', 'integer'].includes(t.typeName())) || isString(t);
    if (!ok) throw unexpectedInputTypeError(text, i, i === secsIndex ? '"DECIMAL(18,6)"' : '"INT"', prettySql(a), typeSql(t));
    return implicitCast(a, i === secsIndex ? SECS_TYPE : DataTypes.IntegerType);
  });
}

const makeDtInterval: ScalarFunction = {
  kind: 'scalar',
  name: 'make_dt_interval',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0, 4);
    const cast = resolveFields('make_dt_interval', args, 4, 3);
    return { args: cast, dataType: new DayTimeIntervalType(0, 3), nullable: cast.some(nullableThroughCasts) };
  },
  compile(evals) {
    return (row) => {
      const vals = evals.map((e) => e(row));
      if (vals.some((x) => x === null)) return null;
      const [days, hours, mins] = vals as number[];
      let micros = toDecimal(vals[3]).setScale(6).unscaled;
      micros = longExact(micros + longExact(BigInt(days) * 86_400_000_000n));
      micros = longExact(micros + longExact(BigInt(hours) * 3_600_000_000n));
      return longExact(micros + longExact(BigInt(mins) * 60_000_000n));
    };
  },
  sql: (args) => `make_dt_interval(${args.join(', ')})`,
};

const makeYmInterval: ScalarFunction = {
  kind: 'scalar',
  name: 'make_ym_interval',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 0, 2);
    const cast = resolveFields('make_ym_interval', args, 2, -1);
    return { args: cast, dataType: new YearMonthIntervalType(0, 1), nullable: cast.some(nullableThroughCasts) };
  },
  compile([years, months]) {
    return (row) => {
      const y = years(row) as number | null;
      const m = months(row) as number | null;
      if (y === null || m === null) return null;
      const total = m + y * 12;
      if (y * 12 < -2147483648 || y * 12 > 2147483647 || total < -2147483648 || total > 2147483647) throw intervalOverflow();
      return total;
    };
  },
  sql: (args) => `make_ym_interval(${args.join(', ')})`,
};

export const MAKE_ANSI_INTERVAL_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: makeDtInterval, aliases: [] },
  { fn: makeYmInterval, aliases: [] },
];
