// pyspark.sql.functions: csv (re-exported by lib/functions.ts). Options are a plain object, as
// PySpark's `options: dict`, sent as a `map(...)` of strings.
import { Column, literalExpr, type ColumnOrName } from '../column';
import { columnArg } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';
import { notExpectedType } from '../argument-checks';

export type CsvFunctionOptions = Record<string, string | number | boolean>;

function optionsMap(options: CsvFunctionOptions | undefined): UnresolvedExpression[] {
  if (options === undefined || options === null) return [];
  const args: UnresolvedExpression[] = [];
  for (const [k, v] of Object.entries(options)) args.push(literalExpr(k), literalExpr(String(v)));
  return [call('map', args)];
}

/** `from_csv(col, schema, options)`: a CSV line parsed into a struct of `schema` (DDL text or `schema_of_csv(...)`). */
export function from_csv(col: ColumnOrName, schema: Column | string, options?: CsvFunctionOptions): Column {
  if (!(schema instanceof Column) && typeof schema !== 'string') throw notExpectedType('schema', 'Column or str', schema);
  const schemaExpr = schema instanceof Column ? schema.expr : literalExpr(schema);
  return new Column(call('from_csv', [columnArg(col), schemaExpr, ...optionsMap(options)]));
}

/** `to_csv(col, options)`: a struct column as one CSV line. */
export function to_csv(col: ColumnOrName, options?: CsvFunctionOptions): Column {
  return new Column(call('to_csv', [columnArg(col), ...optionsMap(options)]));
}

/** `schema_of_csv(csv, options)`: the DDL schema inferred from a CSV literal; a string is the CSV text itself. */
export function schema_of_csv(csv: Column | string, options?: CsvFunctionOptions): Column {
  if (!(csv instanceof Column) && typeof csv !== 'string') throw notExpectedType('csv', 'Column or str', csv);
  const arg = csv instanceof Column ? csv.expr : literalExpr(csv);
  return new Column(call('schema_of_csv', [arg, ...optionsMap(options)]));
}
