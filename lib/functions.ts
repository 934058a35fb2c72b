// "rivulet/functions" = pyspark.sql.functions, with PySpark's snake_case names and signatures.
import { Column, literalExpr, type ColumnOrName } from './api/column';
import { columnArg } from './api/column-args';
import { call } from './expressions/unresolved';
import { parseNamedExpression } from './sql/parse';

export { Column };

function fn(name: string, ...args: ColumnOrName[]): Column {
  return new Column(call(name, args.map((a) => columnArg(a))));
}

/** A column by name: `col("word")`, `col("t.word")`, `col("*")`. */
export function col(colName: string): Column {
  return new Column(columnArg(colName));
}

export const column = col;

/** A literal; a Column passes through unchanged. */
export function lit(value: unknown): Column {
  return value instanceof Column ? value : new Column(literalExpr(value));
}

/** A Spark SQL expression string, parsed by the SQL parser: `expr("explode(split(value, ' ')) as word")`. */
export function expr(str: string): Column {
  return new Column(parseNamedExpression(str));
}

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
