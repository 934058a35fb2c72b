// sequence(start, stop[, step]): integral values, or dates / timestamps stepped by an interval
// (months and days move the session-local wall clock, as Spark's timestampAddInterval).
import { DataType, DataTypes, ArrayType, IntegralType, type CalendarInterval } from '../../types/data-types';
import { DayTimeIntervalType, YearMonthIntervalType } from '../../types/interval-types';
import { MICROS_PER_DAY, MICROS_PER_SECOND, addMonthsToDays } from '../../types/datetime';
import { localToEpochSecond, zoneOffsetFunction } from '../../types/time-zone';
import { SparkException } from '../../errors/spark-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import { prettySql } from '../expression-sql';
import { findCommonType, findTightestCommonType } from '../type-coercion';
import { implicitCast, isNull, typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { nullSafe, scalar, sqlOf } from './collection-helpers';

function illegalSequenceBoundaries(start: unknown, stop: unknown, step: unknown): SparkException {
  const params = { start: String(start), stop: String(stop), step: String(step) };
  return new SparkException(`Illegal sequence boundaries: ${params.start} to ${params.stop} by ${params.step}`, {
    errorClass: 'INVALID_SEQUENCE_BOUNDARIES' as string,
    sqlState: '22023',
    messageParameters: params,
  });
}

/** Interval step as (months, days, microseconds), from a CalendarInterval or an ANSI interval value. */
function stepParts(step: unknown, stepType: DataType): { months: number; days: number; micros: bigint } {
  if (stepType instanceof YearMonthIntervalType) return { months: step as number, days: 0, micros: 0n };
  if (stepType instanceof DayTimeIntervalType) return { months: 0, days: 0, micros: step as bigint };
  const c = step as CalendarInterval;
  return { months: c.months, days: c.days, micros: c.microseconds };
}

/** `micros + i * step` in `zone`: months and days move the local wall clock (as Spark's timestampAddInterval). */
function timestampPlus(micros: bigint, p: { months: number; days: number; micros: bigint }, i: number, zone: string | undefined): bigint {
  if (p.months === 0 && p.days === 0) return micros + BigInt(i) * p.micros;
  const offsetAt = zone ? zoneOffsetFunction(zone) : () => 0;
  const second = Number((micros - (((micros % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND)) / MICROS_PER_SECOND);
  const local = micros + BigInt(offsetAt(second)) * MICROS_PER_SECOND;
  const localDays = Number((local - (((local % MICROS_PER_DAY) + MICROS_PER_DAY) % MICROS_PER_DAY)) / MICROS_PER_DAY);
  const timeOfDay = local - BigInt(localDays) * MICROS_PER_DAY;
  const days = addMonthsToDays(localDays, p.months * i) + p.days * i;
  const wall = BigInt(days) * MICROS_PER_DAY + timeOfDay;
  const wallSecond = (wall - (((wall % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND)) / MICROS_PER_SECOND;
  const epochSecond = zone ? BigInt(localToEpochSecond(Number(wallSecond), zone)) : wallSecond;
  return epochSecond * MICROS_PER_SECOND + (wall - wallSecond * MICROS_PER_SECOND) + BigInt(i) * p.micros;
}

const isIntervalType = (t: DataType) => t instanceof YearMonthIntervalType || t instanceof DayTimeIntervalType || t.typeName() === 'interval';
const isDateOrTimestamp = (t: DataType) => ['date', 'timestamp', 'timestamp_ntz'].includes(t.typeName());

export const sequence = scalar(
  'sequence',
  (args, ctx) => {
    checkArity(ctx.name, args, 2, 3);
    const [start, stop, step] = args;
    const temporal = isDateOrTimestamp(start.dataType) || isDateOrTimestamp(stop.dataType);
    if (temporal) {
      const t = findTightestCommonType(start.dataType, stop.dataType, ctx.ansiEnabled);
      if (t === undefined || !isDateOrTimestamp(t)) {
        const bad = isDateOrTimestamp(start.dataType) ? 1 : 0;
        throw unexpectedInputTypeError(sqlOf('sequence', args), bad, `"${typeSql(start.dataType)}"`, prettySql(args[bad]), typeSql(args[bad].dataType));
      }
      if (step && !isIntervalType(step.dataType)) throw unexpectedInputTypeError(sqlOf('sequence', args), 2, '"INTERVAL"', prettySql(step), typeSql(step.dataType));
      return { args: [implicitCast(start, t), implicitCast(stop, t), ...(step ? [step] : [])], dataType: new ArrayType(t, false) };
    }
    const bad = args.findIndex((a) => !(a.dataType instanceof IntegralType) && !isNull(a.dataType));
    if (bad >= 0) throw unexpectedInputTypeError(sqlOf('sequence', args), bad, '"INTEGRAL"', prettySql(args[bad]), typeSql(args[bad].dataType));
    const t = findCommonType(args.map((a) => a.dataType), ctx.ansiEnabled) ?? DataTypes.LongType;
    return { args: args.map((a) => implicitCast(a, t)), dataType: new ArrayType(t, false) };
  },
  (args, types, resultType, ctx) => {
    const elementType = (resultType as ArrayType).elementType.typeName();
    if (elementType === 'date' || elementType === 'timestamp' || elementType === 'timestamp_ntz') {
      const isDate = elementType === 'date';
      const zone = elementType === 'timestamp' ? ctx.timeZone : undefined;
      const stepType = types[2];
      return nullSafe(args, (vs) => {
        const [start, stop] = vs;
        const forward = isDate ? (start as number) <= (stop as number) : (start as bigint) <= (stop as bigint);
        const p = vs.length > 2 ? stepParts(vs[2], stepType) : { months: 0, days: forward ? 1 : -1, micros: 0n };
        if (isDate && p.micros % MICROS_PER_DAY !== 0n) {
          throw new SparkException('sequence step must be an interval day to second of whole days, or an interval year to month, if start and end values are dates.', {
            errorClass: 'INVALID_PARAMETER_VALUE' as string,
            sqlState: '22023',
          });
        }
        const stepDays = p.days + Number(p.micros / MICROS_PER_DAY);
        const sign = p.months * 31 + stepDays + (isDate ? 0 : Number(p.micros % MICROS_PER_DAY) / 86_400_000_000);
        if (sign === 0 ? start !== stop : forward !== sign > 0 && start !== stop) throw illegalSequenceBoundaries(start, stop, vs[2]);
        const out: unknown[] = [];
        for (let i = 0; ; i++) {
          const v = isDate ? addMonthsToDays(start as number, p.months * i) + stepDays * i : timestampPlus(start as bigint, p, i, zone);
          if (forward ? v > (stop as number | bigint) : v < (stop as number | bigint)) break;
          out.push(v);
          if (sign === 0 || out.length > 2147483632) break;
        }
        return out;
      });
    }
    const isLong = elementType === 'long';
    return nullSafe(args, (vs) => {
      const start = BigInt(vs[0] as number | bigint);
      const stop = BigInt(vs[1] as number | bigint);
      const step = vs.length > 2 ? BigInt(vs[2] as number | bigint) : start <= stop ? 1n : -1n;
      if (step === 0n || (step > 0n && start > stop) || (step < 0n && start < stop)) {
        if (start === stop) return [isLong ? start : Number(start)];
        throw illegalSequenceBoundaries(start, stop, step);
      }
      const out: unknown[] = [];
      for (let v = start; step > 0n ? v <= stop : v >= stop; v += step) out.push(isLong ? v : Number(v));
      return out;
    });
  },
);

