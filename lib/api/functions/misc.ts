// pyspark.sql.functions: hashing, random values, ids and format_number (re-exported by lib/functions.ts).
import { Column, literalExpr, type ColumnOrName } from '../column';
import { columnArg, flattenArgs } from '../column-args';
import { call } from '../../expressions/unresolved';
import { notExpectedType } from '../argument-checks';

/** Murmur3 hash of the columns (seed 42), an INT, as Spark's `hash`. */
export function hash(...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return new Column(call('hash', flattenArgs(cols).map((c) => columnArg(c, 'cols'))));
}

/** xxHash64 of the columns (seed 42), a BIGINT. */
export function xxhash64(...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return new Column(call('xxhash64', flattenArgs(cols).map((c) => columnArg(c, 'cols'))));
}

function seedArg(seed: number | bigint | undefined | null): ReturnType<typeof literalExpr>[] {
  if (seed === undefined || seed === null) return [];
  if (!(typeof seed === 'bigint' || (typeof seed === 'number' && Number.isInteger(seed)))) throw notExpectedType('seed', 'int', seed);
  return [literalExpr(seed)];
}

/** Uniform in [0, 1); `rand(42)` gives Spark's sequence for one partition. */
export function rand(seed?: number | bigint | null): Column {
  return new Column(call('rand', seedArg(seed)));
}

/** Standard normal values; `randn(42)` gives Spark's sequence for one partition. */
export function randn(seed?: number | bigint | null): Column {
  return new Column(call('randn', seedArg(seed)));
}

export function uuid(): Column {
  return new Column(call('uuid', []));
}

export function monotonically_increasing_id(): Column {
  return new Column(call('monotonically_increasing_id', []));
}

export function input_file_name(): Column {
  return new Column(call('input_file_name', []));
}

export function spark_partition_id(): Column {
  return new Column(call('spark_partition_id', []));
}

/** `format_number(col, 2)` -> '12,345.68'; a string is a DecimalFormat pattern. */
export function format_number(col: ColumnOrName, d: number | string): Column {
  if (typeof d !== 'number' && typeof d !== 'string') throw notExpectedType('d', 'int', d);
  return new Column(call('format_number', [columnArg(col), literalExpr(d)]));
}
