// pyspark.sql.functions' col, column, lit and expr (re-exported by lib/functions.ts). A file of their
// own so that the package root can export them without loading every function module.
import { Column, literalExpr } from '../column';
import { columnArg } from '../column-args';
import { parseNamedExpression } from '../../sql/parse';
import { checkStr } from '../argument-checks';

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
  checkStr(str, 'str');
  return new Column(parseNamedExpression(str));
}
