// Turning PySpark-style arguments ("name" | Column) into unresolved expressions.
import type { UnresolvedExpression } from '../expressions/unresolved';
import { parseMultipartIdentifier } from '../sql/parse';
import { Column, type ColumnOrName } from './column';
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
  throw new PySparkTypeError('NOT_COLUMN_OR_STR', `Argument \`${argName}\` should be a Column or str, got ${c === null ? 'null' : typeof c}.`, {
    arg_name: argName,
    arg_type: typeof c,
  });
}

/** PySpark accepts either varargs or one list: select("a", "b") or select(["a", "b"]). */
export function flattenArgs<T>(args: readonly (T | readonly T[])[]): T[] {
  return args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as readonly T[])] : (args as T[]);
}
