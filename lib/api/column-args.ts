// Turning PySpark-style arguments ("name" | Column) into unresolved expressions.
import type { UnresolvedExpression } from '../expressions/unresolved';
import { parseMultipartIdentifier } from '../sql/parse';
import { Column, pyTypeName, type ColumnOrName } from './column';
import { PySparkTypeError } from '../errors/illegal-argument-exception';

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
