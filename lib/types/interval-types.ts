// Spark's ANSI interval types. Values: YearMonthIntervalType -> number (total months, an int),
// DayTimeIntervalType -> bigint (total microseconds, a long). The start/end fields only decide
// how a value is parsed, printed and cast; arithmetic ignores them.
import { callableClass } from '../util/callable-class';
import { PySparkValueError } from '../errors/illegal-argument-exception';
import { AtomicType } from './data-types';

/** Shared parent, as Spark's `AnsiIntervalType`. */
export abstract class AnsiIntervalType extends AtomicType {
  abstract readonly startField: number;
  abstract readonly endField: number;
}

const YM_FIELDS = ['year', 'month'];
const DT_FIELDS = ['day', 'hour', 'minute', 'second'];

function intervalName(names: readonly string[], start: number, end: number): string {
  return start === end ? `interval ${names[start]}` : `interval ${names[start]} to ${names[end]}`;
}

function checkFields(kind: string, names: readonly string[], start: number, end: number): void {
  if (!(start >= 0 && end < names.length && start <= end && Number.isInteger(start) && Number.isInteger(end))) {
    throw new PySparkValueError('INVALID_INTERVAL_CASTING', `interval ${start} to ${end} is invalid for ${kind}.`, {
      start_field: String(start),
      end_field: String(end),
    });
  }
}

class YearMonthIntervalTypeImpl extends AnsiIntervalType {
  static readonly YEAR = 0;
  static readonly MONTH = 1;
  readonly startField: number;
  readonly endField: number;

  /** `YearMonthIntervalType()` is YEAR TO MONTH; one field given means that field alone. */
  constructor(startField?: number | null, endField?: number | null) {
    super();
    const start = startField ?? (endField ?? 0);
    const end = endField ?? (startField ?? 1);
    checkFields('YearMonthIntervalType', YM_FIELDS, start, end);
    this.startField = start;
    this.endField = end;
  }

  typeName(): string {
    return intervalName(YM_FIELDS, this.startField, this.endField);
  }

  override toString(): string {
    return `YearMonthIntervalType(${this.startField}, ${this.endField})`;
  }

  static fieldName(field: number): string {
    return YM_FIELDS[field];
  }
}

class DayTimeIntervalTypeImpl extends AnsiIntervalType {
  static readonly DAY = 0;
  static readonly HOUR = 1;
  static readonly MINUTE = 2;
  static readonly SECOND = 3;
  readonly startField: number;
  readonly endField: number;

  /** `DayTimeIntervalType()` is DAY TO SECOND; one field given means that field alone. */
  constructor(startField?: number | null, endField?: number | null) {
    super();
    const start = startField ?? (endField ?? 0);
    const end = endField ?? (startField ?? 3);
    checkFields('DayTimeIntervalType', DT_FIELDS, start, end);
    this.startField = start;
    this.endField = end;
  }

  typeName(): string {
    return intervalName(DT_FIELDS, this.startField, this.endField);
  }

  override toString(): string {
    return `DayTimeIntervalType(${this.startField}, ${this.endField})`;
  }

  static fieldName(field: number): string {
    return DT_FIELDS[field];
  }
}

export const YearMonthIntervalType = callableClass(YearMonthIntervalTypeImpl);
export type YearMonthIntervalType = YearMonthIntervalTypeImpl;
export const DayTimeIntervalType = callableClass(DayTimeIntervalTypeImpl);
export type DayTimeIntervalType = DayTimeIntervalTypeImpl;

/** Field index of a unit name (`'day'`, `'SECOND'`...) in either interval family, or -1. */
export function intervalFieldIndex(name: string): { yearMonth: boolean; index: number } | undefined {
  const lower = name.toLowerCase();
  const ym = YM_FIELDS.indexOf(lower);
  if (ym >= 0) return { yearMonth: true, index: ym };
  const dt = DT_FIELDS.indexOf(lower);
  if (dt >= 0) return { yearMonth: false, index: dt };
  return undefined;
}
