// Option parsing shared by the rate sources, with Spark's IllegalArgumentException texts.
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { parseDurationMs } from '../../util/interval-string';
import { DataTypes } from '../../types/data-types';
import { StructType, StructField } from '../../types/struct-type';

export const RATE_SCHEMA = StructType([StructField('timestamp', DataTypes.TimestampType, true), StructField('value', DataTypes.LongType, true)]);

export function longOption(options: CaseInsensitiveMap, name: string, fallback: number): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  // Java's Long.parseLong: digits only, and within a long (1e30 rows per second is refused).
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new IllegalArgumentException(`For input string: "${text}"`);
  const value = BigInt(text.trim());
  if (value > 9223372036854775807n || value < -9223372036854775808n) throw new IllegalArgumentException(`For input string: "${text}"`);
  return Number(text);
}

export function positive(name: string, value: number): number {
  if (!(value > 0)) throw new IllegalArgumentException(`Invalid value '${value}'. The option '${name}' must be positive`);
  return value;
}

export function nonNegative(name: string, value: number, text: string): number {
  if (value < 0) throw new IllegalArgumentException(`Invalid value '${text}'. The option '${name}' must not be negative`);
  return value;
}

export function durationSecondsOption(options: CaseInsensitiveMap, name: string): number {
  const text = options.get(name) ?? '0s';
  // Spark accepts "5s", "5 seconds" or a bare number of seconds; truncated to whole seconds.
  const ms = /^\s*\d+\s*$/.test(text) ? Number(text) * 1000 : parseDurationMs(text.replace(/^(\d+)s$/, '$1 seconds'));
  return nonNegative(name, Math.floor(ms / 1000), text);
}

/** Rows of values [from, to) split over partitions as Spark's readers produce them: p, p + n, ... */
export function partitionOrder(from: number, to: number, numPartitions: number, row: (value: number) => unknown[]): unknown[][] {
  const rows: unknown[][] = [];
  for (let p = 0; p < numPartitions; p++) for (let v = from + p; v < to; v += numPartitions) rows.push(row(v));
  return rows;
}
