// Turning PySpark-style arguments ("name" | Column) into unresolved expressions.
import type { UnresolvedExpression } from '../expressions/unresolved';
import { parseMultipartIdentifier } from '../sql/parse';
import { Column, pyTypeName, type ColumnOrName } from './column';
import { PySparkIndexError, PySparkTypeError } from '../errors/illegal-argument-exception';

/** A column name as PySpark reads it: "*" is a star, "t.*" a qualified star, dots qualify. */
export function nameToExpr(name: string): UnresolvedExpression {
  if (name === '*') return { kind: 'star' };
  if (name.endsWith('.*')) return { kind: 'star', target: parseMultipartIdentifier(name.slice(0, -2)) };
  return { kind: 'column', nameParts: parseMultipartIdentifier(name) };
}

export function columnArg(c: ColumnOrName, argName = 'col'): UnresolvedExpression {
  if (c instanceof Column) return c.expr;
  if (typeof c === 'string') return nameToExpr(c);
  // PySpark 4.2's NOT_EXPECTED_TYPE (earlier releases: NOT_COLUMN_OR_STR).
  const argType = pyTypeName(c);
  throw new PySparkTypeError('NOT_EXPECTED_TYPE', `Argument \`${argName}\` should be Column or str, got ${argType}.`, { arg_name: argName, expected_type: 'Column or str', arg_type: argType }, '42K09');
}

/** PySpark accepts either varargs or one list: select("a", "b") or select(["a", "b"]). */
export function flattenArgs<T>(args: readonly (T | readonly T[])[]): T[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as readonly T[])] : (args as T[]);
}

/** A column name, a Column, or (PySpark 4's groupBy, rollup, cube, orderBy) a 1-based column ordinal. */
export type ColumnOrNameOrOrdinal = ColumnOrName | number;

/**
 * The column name at a 1-based ordinal of `columns`, as PySpark's `df[ordinal - 1]`. Grouping
 * ordinals must be positive (INDEX_NOT_POSITIVE); sort ordinals are non-zero, a negative one
 * sorting that column descending (the caller applies it).
 */
function ordinalColumnName(columns: readonly string[], ordinal: number, sort: boolean): string {
  if (sort && ordinal === 0) throw new PySparkIndexError('ZERO_INDEX', 'Index must be non-zero.');
  if (!sort && ordinal < 1) throw new PySparkIndexError('INDEX_NOT_POSITIVE', `Index must be positive, got '${ordinal}'.`, { index: String(ordinal) });
  const name = columns[Math.abs(ordinal) - 1];
  if (name === undefined) throw new PySparkIndexError(undefined, 'list index out of range');
  return name;
}

/** Whether an argument is a column ordinal (an integer; PySpark excludes bool, which JS keeps apart). */
function isOrdinal(c: unknown): c is number {
  return typeof c === 'number' && Number.isInteger(c);
}

/**
 * `c` with a column ordinal replaced by the Column it names in `df` (PySpark's `df[ordinal - 1]`,
 * local and remote DataFrames alike); a negative sort ordinal sorts that column descending.
 */
export function ordinalToColumn(c: ColumnOrNameOrOrdinal, df: { readonly columns: readonly string[]; col(name: string): Column }, sort: boolean): ColumnOrName {
  if (!isOrdinal(c)) return c;
  const column = df.col(ordinalColumnName(df.columns, c, sort));
  return sort && c < 0 ? column.desc() : column;
}
