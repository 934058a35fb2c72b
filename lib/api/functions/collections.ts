// pyspark.sql.functions: collections (re-exported by lib/functions.ts): arrays, maps, structs,
// higher-order functions (a JS callback stands for PySpark's Python lambda) and generators.
import { Column, literalExpr, toExpr, type ColumnOrName } from '../column';
import { columnArg, flattenArgs } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';

function fn(name: string, ...args: UnresolvedExpression[]): Column {
  return new Column(call(name, args));
}

const c = (x: ColumnOrName) => columnArg(x);

/** A Column or column name passes as a column; anything else is a literal (PySpark's `_to_java_column` vs `lit`). */
function valueArg(v: unknown): UnresolvedExpression {
  return v instanceof Column ? v.expr : literalExpr(v);
}

/** A number is a literal, a Column or name a column. */
function intArg(v: ColumnOrName | number): UnresolvedExpression {
  return typeof v === 'number' ? literalExpr(v) : columnArg(v);
}

let lambdaVarId = 0;

/**
 * PySpark's `_create_lambda`: fresh parameter names x_N, y_N, z_N. `arity` fixes the count (JS
 * callbacks may omit unused trailing parameters); without it the callback's own count decides
 * (transform/filter take `x` or `(x, i)`).
 */
function lambda(f: (...cols: Column[]) => Column, maxArgs: number, arity?: number): UnresolvedExpression {
  const n = arity ?? Math.min(Math.max(f.length, 1), maxArgs);
  const params = ['x', 'y', 'z'].slice(0, n).map((p) => `${p}_${lambdaVarId++}`);
  const body = f(...params.map((p) => new Column({ kind: 'column', nameParts: [p] })));
  return { kind: 'lambda', params, body: toExpr(body) };
}

// ---- constructors ----
export function array(...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return fn('array', ...flattenArgs(cols).map(c));
}
export function create_map(...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return fn('map', ...flattenArgs(cols).map(c));
}
export function struct(...cols: (ColumnOrName | ColumnOrName[])[]): Column {
  return fn('struct', ...flattenArgs(cols).map(c));
}
export function named_struct(...cols: Column[]): Column {
  return fn('named_struct', ...cols.map((x) => x.expr));
}
export function map_from_arrays(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('map_from_arrays', c(col1), c(col2)); }
export function map_from_entries(col: ColumnOrName): Column { return fn('map_from_entries', c(col)); }
export function str_to_map(text: ColumnOrName, pairDelim?: ColumnOrName, keyValueDelim?: ColumnOrName): Column {
  return fn('str_to_map', c(text), pairDelim === undefined ? literalExpr(',') : c(pairDelim), keyValueDelim === undefined ? literalExpr(':') : c(keyValueDelim));
}

// ---- arrays ----
export function array_contains(col: ColumnOrName, value: unknown): Column { return fn('array_contains', c(col), valueArg(value)); }
export function arrays_overlap(a1: ColumnOrName, a2: ColumnOrName): Column { return fn('arrays_overlap', c(a1), c(a2)); }
export function array_position(col: ColumnOrName, value: unknown): Column { return fn('array_position', c(col), valueArg(value)); }
export function array_remove(col: ColumnOrName, element: unknown): Column { return fn('array_remove', c(col), valueArg(element)); }
export function array_distinct(col: ColumnOrName): Column { return fn('array_distinct', c(col)); }
export function array_union(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('array_union', c(col1), c(col2)); }
export function array_intersect(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('array_intersect', c(col1), c(col2)); }
export function array_except(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('array_except', c(col1), c(col2)); }
export function array_join(col: ColumnOrName, delimiter: string, null_replacement?: string | null): Column {
  const args = [c(col), literalExpr(delimiter)];
  if (null_replacement !== undefined && null_replacement !== null) args.push(literalExpr(null_replacement));
  return fn('array_join', ...args);
}
export function array_max(col: ColumnOrName): Column { return fn('array_max', c(col)); }
export function array_min(col: ColumnOrName): Column { return fn('array_min', c(col)); }
export function array_size(col: ColumnOrName): Column { return fn('array_size', c(col)); }
export function array_repeat(col: ColumnOrName, count: ColumnOrName | number): Column { return fn('array_repeat', c(col), intArg(count)); }
export function array_append(col: ColumnOrName, value: unknown): Column { return fn('array_append', c(col), valueArg(value)); }
export function array_prepend(col: ColumnOrName, value: unknown): Column { return fn('array_prepend', c(col), valueArg(value)); }
export function array_insert(arr: ColumnOrName, pos: ColumnOrName | number, value: unknown): Column {
  return fn('array_insert', c(arr), intArg(pos), valueArg(value));
}
export function array_compact(col: ColumnOrName): Column { return fn('array_compact', c(col)); }
/** `asc` positionally or as the keyword argument `{ asc: false }`, as PySpark takes it. */
export function sort_array(col: ColumnOrName, asc: boolean | { asc?: boolean } = true): Column {
  return fn('sort_array', c(col), literalExpr(typeof asc === 'boolean' ? asc : asc.asc ?? true));
}
export function array_sort(col: ColumnOrName, comparator?: (left: Column, right: Column) => Column): Column {
  return comparator ? fn('array_sort', c(col), lambda(comparator, 2, 2)) : fn('array_sort', c(col));
}
export function slice(x: ColumnOrName, start: ColumnOrName | number, length: ColumnOrName | number): Column {
  return fn('slice', c(x), intArg(start), intArg(length));
}
export function flatten(col: ColumnOrName): Column { return fn('flatten', c(col)); }
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return step === undefined ? fn('sequence', c(start), c(stop)) : fn('sequence', c(start), c(stop), c(step));
}
export function arrays_zip(...cols: ColumnOrName[]): Column { return fn('arrays_zip', ...cols.map(c)); }
export function get(col: ColumnOrName, index: ColumnOrName | number): Column { return fn('get', c(col), intArg(index)); }

// ---- maps ----
export function map_keys(col: ColumnOrName): Column { return fn('map_keys', c(col)); }
export function map_values(col: ColumnOrName): Column { return fn('map_values', c(col)); }
export function map_entries(col: ColumnOrName): Column { return fn('map_entries', c(col)); }
export function map_concat(...cols: (ColumnOrName | ColumnOrName[])[]): Column { return fn('map_concat', ...flattenArgs(cols).map(c)); }
export function map_contains_key(col: ColumnOrName, value: unknown): Column { return fn('map_contains_key', c(col), valueArg(value)); }

// ---- higher-order functions ----
export function transform(col: ColumnOrName, f: (x: Column, i: Column) => Column): Column { return fn('transform', c(col), lambda(f, 2)); }
export function filter(col: ColumnOrName, f: (x: Column, i: Column) => Column): Column { return fn('filter', c(col), lambda(f, 2)); }
export function exists(col: ColumnOrName, f: (x: Column) => Column): Column { return fn('exists', c(col), lambda(f, 1, 1)); }
export function forall(col: ColumnOrName, f: (x: Column) => Column): Column { return fn('forall', c(col), lambda(f, 1, 1)); }
export function aggregate(col: ColumnOrName, initialValue: ColumnOrName, merge: (acc: Column, x: Column) => Column, finish?: (acc: Column) => Column): Column {
  const args = [c(col), c(initialValue), lambda(merge, 2, 2)];
  if (finish) args.push(lambda(finish, 1, 1));
  return fn('aggregate', ...args);
}
export function reduce(col: ColumnOrName, initialValue: ColumnOrName, merge: (acc: Column, x: Column) => Column, finish?: (acc: Column) => Column): Column {
  const args = [c(col), c(initialValue), lambda(merge, 2, 2)];
  if (finish) args.push(lambda(finish, 1, 1));
  return fn('reduce', ...args);
}
export function zip_with(left: ColumnOrName, right: ColumnOrName, f: (x: Column, y: Column) => Column): Column { return fn('zip_with', c(left), c(right), lambda(f, 2, 2)); }
export function transform_keys(col: ColumnOrName, f: (k: Column, v: Column) => Column): Column { return fn('transform_keys', c(col), lambda(f, 2, 2)); }
export function transform_values(col: ColumnOrName, f: (k: Column, v: Column) => Column): Column { return fn('transform_values', c(col), lambda(f, 2, 2)); }
export function map_filter(col: ColumnOrName, f: (k: Column, v: Column) => Column): Column { return fn('map_filter', c(col), lambda(f, 2, 2)); }
export function map_zip_with(col1: ColumnOrName, col2: ColumnOrName, f: (k: Column, v1: Column, v2: Column) => Column): Column {
  return fn('map_zip_with', c(col1), c(col2), lambda(f, 3, 3));
}

// ---- generators ----
export function inline(col: ColumnOrName): Column { return fn('inline', c(col)); }
export function inline_outer(col: ColumnOrName): Column { return fn('inline_outer', c(col)); }
export function stack(...cols: ColumnOrName[]): Column { return fn('stack', ...cols.map((x) => (typeof x === 'number' ? literalExpr(x) : c(x)))); }
