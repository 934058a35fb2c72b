// Spark's nanosecond timestamps: TIMESTAMP_NTZ(p) / TIMESTAMP_LTZ(p) with 7 <= p <= 9 (p = 6 is
// the plain microsecond type). Values: bigint nanoseconds since the epoch, already truncated to
// the type's precision.
import { AtomicType } from './data-types';
import { formatTimestamp } from './datetime';
import type { OffsetFunction } from './time-zone';

export class TimestampNanosType extends AtomicType {
  /** `ntz`: without time zone (TIMESTAMP_NTZ(p)); otherwise the session-zone TIMESTAMP_LTZ(p). */
  constructor(readonly precision: number, readonly ntz: boolean) {
    super();
  }

  typeName(): string {
    return `${this.ntz ? 'timestamp_ntz' : 'timestamp_ltz'}(${this.precision})`;
  }

  override toString(): string {
    return `${this.ntz ? 'TimestampNTZNanosType' : 'TimestampLTZNanosType'}(${this.precision})`;
  }
}

/** Precisions with a nanosecond type; 6 maps to the microsecond types. */
export const MIN_NANOS_PRECISION = 7;
export const MAX_NANOS_PRECISION = 9;

const NANOS_PER_SECOND = 1_000_000_000n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Drops the digits beyond `precision` fractional-second digits (toward negative infinity). */
export function truncateNanos(nanos: bigint, precision: number): bigint {
  const unit = 10n ** BigInt(MAX_NANOS_PRECISION - precision);
  return floorDiv(nanos, unit) * unit;
}

/** Microseconds (floor) of a nanosecond value. */
export function nanosToMicros(nanos: bigint): bigint {
  return floorDiv(nanos, 1000n);
}

/** The sub-microsecond remainder (0..999) of a nanosecond value. */
export function subMicroNanos(nanos: bigint): bigint {
  return nanos - floorDiv(nanos, 1000n) * 1000n;
}

/** `yyyy-MM-dd HH:mm:ss[.fffffffff]`, trailing fractional zeros dropped. */
export function formatTimestampNanos(nanos: bigint, offsetAt: OffsetFunction): string {
  const seconds = floorDiv(nanos, NANOS_PER_SECOND);
  const base = formatTimestamp(seconds * 1_000_000n, offsetAt);
  const fraction = (nanos - seconds * NANOS_PER_SECOND).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${base}.${fraction}` : base;
}

/**
 * Splits a timestamp text into the text with at most 6 fractional digits (for the microsecond
 * parser) and the nanoseconds beyond microseconds (0..999).
 */
export function splitNanosText(text: string): { text: string; extraNanos: bigint } {
  const m = /(\d:\d\d(?::\d\d)?)\.(\d{7,9})(?!\d)/.exec(text);
  if (!m) return { text, extraNanos: 0n };
  const digits = m[2];
  const start = m.index + m[1].length + 1;
  return {
    text: text.slice(0, start) + digits.slice(0, 6) + text.slice(start + digits.length),
    extraNanos: BigInt(digits.slice(6).padEnd(3, '0')),
  };
}
