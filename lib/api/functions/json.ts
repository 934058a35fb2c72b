// pyspark.sql.functions: json (re-exported by lib/functions.ts). Options are a plain object, as
// PySpark's `options: dict`; they travel as a `map(...)` of string literals, which is what
// Spark's from_json/to_json/schema_of_json accept.
import { Column, literalExpr, type ColumnOrName } from '../column';
import { columnArg } from '../column-args';
import { call, type UnresolvedExpression } from '../../expressions/unresolved';
import { DataType } from '../../types/data-types';
import { PySparkValueError } from '../../errors/illegal-argument-exception';

export type JsonFunctionOptions = Record<string, string | number | boolean>;

function optionsMap(options: JsonFunctionOptions | undefined): UnresolvedExpression[] {
  if (options === undefined || options === null) return [];
  const args: UnresolvedExpression[] = [];
  for (const [k, v] of Object.entries(options)) args.push(literalExpr(k), literalExpr(String(v)));
  return [call('map', args)];
}

/** A DataType passes as its DDL text, a string as DDL, a Column as is (e.g. `schema_of_json(...)`). */
function schemaArg(schema: DataType | Column | string): UnresolvedExpression {
  if (schema instanceof Column) return schema.expr;
  if (schema instanceof DataType) return literalExpr(schema.toDDL());
  return literalExpr(schema);
}

/** `from_json(col, schema, options)`: a JSON string column parsed into a struct, array or map of `schema`. */
export function from_json(col: ColumnOrName, schema: DataType | Column | string, options?: JsonFunctionOptions): Column {
  return new Column(call('from_json', [columnArg(col), schemaArg(schema), ...optionsMap(options)]));
}

/** `to_json(col, options)`: a struct, array or map column as JSON text. */
export function to_json(col: ColumnOrName, options?: JsonFunctionOptions): Column {
  return new Column(call('to_json', [columnArg(col), ...optionsMap(options)]));
}

/** `schema_of_json(json, options)`: the DDL schema of a JSON literal; a string is the JSON text itself. */
export function schema_of_json(json: Column | string, options?: JsonFunctionOptions): Column {
  const arg = json instanceof Column ? json.expr : literalExpr(json);
  return new Column(call('schema_of_json', [arg, ...optionsMap(options)]));
}

/** `get_json_object(col, path)`: the value at a JSON path (`$.a.b[0]`), or null. */
export function get_json_object(col: ColumnOrName, path: string): Column {
  return new Column(call('get_json_object', [columnArg(col), literalExpr(path)]));
}

/** `json_tuple(col, *fields)`: a generator of one row with columns c0, c1... for the top-level fields. */
export function json_tuple(col: ColumnOrName, ...fields: string[]): Column {
  if (fields.length === 0) throw new PySparkValueError('CANNOT_BE_EMPTY', 'At least one field must be specified.', { item: 'field' });
  return new Column(call('json_tuple', [columnArg(col), ...fields.map((f) => literalExpr(f))]));
}

/** `json_array_length(col)`: the number of elements of the outermost JSON array, or null. */
export function json_array_length(col: ColumnOrName): Column {
  return new Column(call('json_array_length', [columnArg(col)]));
}

/** `json_object_keys(col)`: the keys of the outermost JSON object, or null. */
export function json_object_keys(col: ColumnOrName): Column {
  return new Column(call('json_object_keys', [columnArg(col)]));
}
