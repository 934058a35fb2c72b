// `window(timeColumn, windowDuration[, slideDuration[, startTime]])` and `window_time(window)`.
// Tumbling windows are a plain scalar producing struct<start, end>. Sliding windows (several
// rows per input row) need Spark's Expand rewrite in the analyzer, which is not wired yet; they
// are rejected with a clear error instead of returning a wrong answer.
import { DataTypes } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { AnalysisException } from '../../errors/analysis-exception';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, GeneratorFunction, ScalarFunction } from '../function-definition';
import type { Expression } from '../expression';
import { prettySql } from '../expression-sql';
import { typeSql } from '../type-utils';
import { checkArity } from './check-args';
import { parseCalendarInterval } from '../../types/interval-parse';
import { SlidingWindows } from './sliding-windows';

const WINDOW_TYPE = StructType([StructField('start', DataTypes.TimestampType, true), StructField('end', DataTypes.TimestampType, true)]);
const WINDOW_TYPE_NTZ = StructType([StructField('start', DataTypes.TimestampNTZType, true), StructField('end', DataTypes.TimestampNTZType, true)]);

function cannotParseInterval(text: string): AnalysisException {
  const params = { intervalString: `'${text}'` };
  return new AnalysisException(`Unable to parse ${params.intervalString}. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.`, {
    errorClass: 'CANNOT_PARSE_INTERVAL',
    sqlState: '22006',
    messageParameters: params,
  });
}

function valueOutOfRange(sqlExpr: string, exprName: string, valueRange: string, currentValue: string): AnalysisException {
  const params = { sqlExpr: `"${sqlExpr}"`, exprName: `\`${exprName}\``, valueRange, currentValue };
  return new AnalysisException(`Cannot resolve ${params.sqlExpr} due to data type mismatch: The ${params.exprName} must be between ${valueRange} (current value = ${currentValue}).`, {
    errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
    sqlState: '42K09',
    messageParameters: params,
  });
}

/** A duration argument (string literal or interval literal) in microseconds. */
function durationMicros(e: Expression): bigint {
  if (e.kind !== 'literal') throw new AnalysisException('The duration and time inputs to window must be an integer, long or string literal.', { errorClass: '_LEGACY_ERROR_TEMP_1207' });
  const v = e.value;
  if (typeof v === 'string') {
    const iv = parseCalendarInterval(v);
    if (!iv) throw cannotParseInterval(v);
    if (iv.months !== 0) throw new AnalysisException(`Intervals greater than a month is not supported (${v}).`, { errorClass: '_LEGACY_ERROR_TEMP_3231' });
    return BigInt(iv.days) * 86_400_000_000n + iv.microseconds;
  }
  if (typeof v === 'bigint') return v;
  if (v !== null && typeof v === 'object' && 'microseconds' in v) {
    const iv = v as { months: number; days: number; microseconds: bigint };
    return BigInt(iv.days) * 86_400_000_000n + iv.microseconds;
  }
  throw cannotParseInterval(String(v));
}

/** Checks window(...) arguments: [time, size, slide, start] with the durations as BIGINT literals. */
function resolveWindowArgs(args: Expression[], name: string): { args: Expression[]; dataType: StructType; sliding: boolean } {
  checkArity(name, args, 2, 4);
  const time = args[0];
  const tn = time.dataType.typeName();
  const sqlText = `window(${args.map(prettySql).join(', ')})`;
  if (time.dataType instanceof StructType) {
    // A window of windows: the time is the inner window's window_time (end - 1 microsecond).
    if (!(time.kind === 'attribute' && time.name.toLowerCase() === 'window')) throw notAWindowColumn(time);
    const inner = windowTime.resolve([time], { ansiEnabled: true, name: 'window_time' });
    const t: Expression = { kind: 'scalarCall', fn: windowTime, args: inner.args, dataType: inner.dataType, nullable: true };
    return resolveWindowArgs([t, ...args.slice(1)], name);
  }
  if (tn !== 'timestamp' && tn !== 'timestamp_ntz') throw unexpectedInputTypeError(sqlText, 0, '("TIMESTAMP" or "TIMESTAMP_NTZ")', prettySql(time), typeSql(time.dataType));
  const size = durationMicros(args[1]);
  const slide = args.length >= 3 ? durationMicros(args[2]) : size;
  const start = args.length >= 4 ? durationMicros(args[3]) : 0n;
  if (size <= 0n) throw valueOutOfRange(sqlText, 'windowDuration', '(0, 9223372036854775807]', String(size));
  if (slide <= 0n) throw valueOutOfRange(sqlText, 'slideDuration', '(0, 9223372036854775807]', String(slide));
  if (slide > size) throw constraintViolation(sqlText, `The slide duration (${slide}) must be less than or equal to the windowDuration (${size}).`);
  const absStart = start < 0n ? -start : start;
  if (absStart >= slide) throw constraintViolation(sqlText, `The absolute value of start time (${absStart}) must be less than the slideDuration (${slide}).`);
  const lits = [size, slide, start].map((v) => ({ kind: 'literal', value: v, dataType: DataTypes.LongType }) as Expression);
  return { args: [time, ...lits], dataType: tn === 'timestamp' ? WINDOW_TYPE : WINDOW_TYPE_NTZ, sliding: slide !== size };
}

function notAWindowColumn(e: Expression): AnalysisException {
  const params = { windowTime: `window_time(${prettySql(e)})` };
  return new AnalysisException(`The input is not a correct window column: ${params.windowTime}`, { errorClass: '_LEGACY_ERROR_TEMP_3101', messageParameters: params });
}

function constraintViolation(sqlExpr: string, message: string): AnalysisException {
  const params = { sqlExpr: `"${sqlExpr}"`, message };
  return new AnalysisException(`Cannot resolve ${params.sqlExpr} due to data type mismatch: ${message}`, {
    errorClass: 'DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION',
    sqlState: '42K09',
    messageParameters: params,
  });
}

const window: ScalarFunction = {
  kind: 'scalar',
  name: 'window',
  resolve(args, ctx) {
    const r = resolveWindowArgs(args, ctx.name);
    if (r.sliding) {
      // In SQL the analyzer rewrites sliding windows into the generator below; elsewhere not yet.
      throw new AnalysisException('Sliding windows (slideDuration < windowDuration) are only supported in SQL queries yet.', { errorClass: 'UNSUPPORTED_FEATURE.SLIDING_WINDOW', sqlState: '0A000' });
    }
    return { args: r.args, dataType: r.dataType, nullable: true };
  },
  compile([time, sizeE, , startE]) {
    const size = sizeE([]) as bigint;
    const start = startE([]) as bigint;
    return (row) => {
      const t = time(row) as bigint | null;
      if (t === null) return null;
      let rem = (t - start) % size;
      if (rem < 0n) rem += size;
      const s = t - rem;
      return [s, s + size];
    };
  },
  sql: () => 'window',
};

const windowTime: ScalarFunction = {
  kind: 'scalar',
  name: 'window_time',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1);
    const t = args[0].dataType;
    // Only the column window(...) produced is a window (Spark tags it with metadata).
    const a = args[0];
    const isWindowColumn = a.kind === 'attribute' && (a.name.toLowerCase() === 'window' || a.name.toLowerCase() === 'session_window');
    if (t instanceof StructType && !isWindowColumn) throw notAWindowColumn(a);
    if (!(t instanceof StructType) || t.fields.length !== 2 || t.fields[0].name !== 'start' || t.fields[1].name !== 'end') {
      throw unexpectedInputTypeError(`window_time(${prettySql(args[0])})`, 0, '"STRUCT<start: TIMESTAMP, end: TIMESTAMP>"', prettySql(args[0]), typeSql(t));
    }
    return { args, dataType: t.fields[1].dataType, nullable: true };
  },
  compile([w]) {
    return (row) => {
      const v = w(row) as unknown[] | null;
      if (v === null || v[1] === null) return null;
      return (v[1] as bigint) - 1n;
    };
  },
};

/**
 * Spark's TimeWindowing as a generator: every window (tumbling or sliding) that contains the
 * row's time, earliest first; none for a null time. The SQL analyzer puts it below the operator
 * that used window(...), under the column name `window`.
 */
export const TIME_WINDOW_EXPAND = '__time_window_expand';

const timeWindowExpand: GeneratorFunction = {
  kind: 'generator',
  name: TIME_WINDOW_EXPAND,
  resolve(args, ctx) {
    const r = resolveWindowArgs(args, 'window');
    return { elementTypes: [{ name: 'window', dataType: r.dataType, nullable: false }], args: r.args };
  },
  compile([time, sizeE, slideE, startE]) {
    const windows = new SlidingWindows(sizeE([]) as bigint, slideE([]) as bigint, startE([]) as bigint);
    return (row, emit) => {
      const t = time(row) as bigint | null;
      if (t === null) return;
      windows.locate(t);
      const list = windows.windows;
      for (let i = windows.first; i < list.length; i++) emit([list[i] as unknown as unknown[]]);
    };
  },
};

export const WINDOW_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [
  { fn: window, aliases: [] },
  { fn: windowTime, aliases: [] },
  { fn: timeWindowExpand, aliases: [] },
];
