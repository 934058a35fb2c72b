/**
 * `pyspark.sql.functions`: column functions with PySpark's snake_case names and signatures.
 *
 * @packageDocumentation
 * @module rivulet/functions
 */
// "rivulet/functions" = pyspark.sql.functions, with PySpark's snake_case names and signatures.
import { Column, literalExpr, requireColumn, toExpr, type ColumnOrName } from './api/column';
import { columnArg } from './api/column-args';
import { call, type UnresolvedExpression } from './expressions/unresolved';
import { parseNamedExpression } from './sql/parse';

export { Column };

function fn(name: string, ...args: ColumnOrName[]): Column {
  return new Column(call(name, args.map((a) => columnArg(a))));
}

export { col, column, lit, expr } from './api/functions/column-basics';

// ---- generators ----
export function explode(c: ColumnOrName): Column { return fn('explode', c); }
export function explode_outer(c: ColumnOrName): Column { return fn('explode_outer', c); }
export function posexplode(c: ColumnOrName): Column { return fn('posexplode', c); }
export function posexplode_outer(c: ColumnOrName): Column { return fn('posexplode_outer', c); }

// ---- strings ----
/** `split(str, pattern, limit = -1)`: pattern is a Java regular expression. */
export function split(str: ColumnOrName, pattern: string, limit = -1): Column {
  return new Column(call('split', [columnArg(str), literalExpr(pattern), literalExpr(limit)]));
}
export function lower(c: ColumnOrName): Column { return fn('lower', c); }
export function upper(c: ColumnOrName): Column { return fn('upper', c); }
export function trim(c: ColumnOrName): Column { return fn('trim', c); }
export function ltrim(c: ColumnOrName): Column { return fn('ltrim', c); }
export function rtrim(c: ColumnOrName): Column { return fn('rtrim', c); }
export function length(c: ColumnOrName): Column { return fn('length', c); }
export function concat(...cols: ColumnOrName[]): Column { return fn('concat', ...cols); }

/** A Column, a column name, or (for positions and lengths) a number taken as a literal. */
function argOrLiteral(c: ColumnOrName | number): UnresolvedExpression {
  return typeof c === 'number' ? literalExpr(c) : columnArg(c);
}

/** `substring(str, pos, len)`: 1-based `pos` (negative counts from the end), `len` characters. */
export function substring(str: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number): Column {
  return new Column(call('substring', [columnArg(str), argOrLiteral(pos), argOrLiteral(len)]));
}
/** `substr(str, pos[, len])`: as substring; without `len` to the end of the string. */
export function substr(str: ColumnOrName, pos: ColumnOrName | number, len?: ColumnOrName | number): Column {
  const args = [columnArg(str), argOrLiteral(pos)];
  if (len !== undefined && len !== null) args.push(argOrLiteral(len));
  return new Column(call('substr', args));
}
export function contains(left: ColumnOrName, right: ColumnOrName): Column { return fn('contains', left, right); }
export function startswith(str: ColumnOrName, prefix: ColumnOrName): Column { return fn('startswith', str, prefix); }
export function endswith(str: ColumnOrName, suffix: ColumnOrName): Column { return fn('endswith', str, suffix); }
/** `like(str, pattern[, escapeChar])`: the pattern is a Column or a column name, as in PySpark. */
export function like(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return escapeChar === undefined ? fn('like', str, pattern) : fn('like', str, pattern, escapeChar);
}
export function ilike(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return escapeChar === undefined ? fn('ilike', str, pattern) : fn('ilike', str, pattern, escapeChar);
}
/** Java regular expression found anywhere in `str`; `regexp` is a Column or a column name. */
export function rlike(str: ColumnOrName, regexp: ColumnOrName): Column { return fn('rlike', str, regexp); }
export function regexp(str: ColumnOrName, regexp: ColumnOrName): Column { return fn('regexp', str, regexp); }
export function regexp_like(str: ColumnOrName, regexp: ColumnOrName): Column { return fn('regexp_like', str, regexp); }

// ---- conditionals and null handling ----
/** `when(condition, value)`, continued with `.when(...)` and `.otherwise(...)`: a CASE WHEN. */
export function when(condition: Column, value: unknown): Column {
  requireColumn(condition, 'condition');
  return new Column({ kind: 'caseWhen', branches: [{ condition: condition.expr, value: toExpr(value) }] });
}
export function coalesce(...cols: ColumnOrName[]): Column { return fn('coalesce', ...cols); }
export function isnull(c: ColumnOrName): Column { return new Column(call('isnull', [columnArg(c)], { isOperator: true })); }
export function isnotnull(c: ColumnOrName): Column { return new Column(call('isnotnull', [columnArg(c)], { isOperator: true })); }
export function nvl(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('nvl', col1, col2); }
export function ifnull(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('ifnull', col1, col2); }
export function nvl2(col1: ColumnOrName, col2: ColumnOrName, col3: ColumnOrName): Column { return fn('nvl2', col1, col2, col3); }
export function nullif(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('nullif', col1, col2); }
export function equal_null(col1: ColumnOrName, col2: ColumnOrName): Column { return fn('equal_null', col1, col2); }

// ---- collections ----
/** `element_at(array, index)` (1-based, negative from the end) or `element_at(map, key)`; the extraction is a literal. */
export function element_at(c: ColumnOrName, extraction: unknown): Column {
  return new Column(call('element_at', [columnArg(c), toExpr(extraction)]));
}
export function try_element_at(c: ColumnOrName, extraction: ColumnOrName): Column { return fn('try_element_at', c, extraction); }
export function size(c: ColumnOrName): Column { return fn('size', c); }
export function cardinality(c: ColumnOrName): Column { return fn('cardinality', c); }

// ---- aggregates ----
/** `count("*")` counts rows (named `count(1)`), `count(col)` counts non-null values. */
export function count(c: ColumnOrName): Column {
  if (c === '*') return new Column(call('count', [literalExpr(1)]));
  return fn('count', c);
}
export function sum(c: ColumnOrName): Column { return fn('sum', c); }
export function avg(c: ColumnOrName): Column { return fn('avg', c); }
export function mean(c: ColumnOrName): Column { return fn('mean', c); }
export function min(c: ColumnOrName): Column { return fn('min', c); }
export function max(c: ColumnOrName): Column { return fn('max', c); }

// ---- ordering ----
export function asc(c: ColumnOrName): Column { return new Column(columnArg(c)).asc(); }
export function desc(c: ColumnOrName): Column { return new Column(columnArg(c)).desc(); }

export * from './api/functions/strings';
export * from './api/functions/collections';
export * from './api/functions/json';
export * from './api/functions/csv';
export * from './api/functions/datetime';
export * from './api/functions/aggregates';
export * from './api/functions/math';
export * from './api/functions/misc';
export * from './api/functions/window-functions';
export { udf, type UserDefinedFunction } from './api/udf';
export * from './api/functions/aliases';
