// Arguments both readers (spark.read and spark.readStream) take the PySpark way: a schema as a
// StructType or DDL string, and keyword arguments as one object whose `schema` key sets the schema.
import { notExpectedType } from './argument-checks';
import { parseTableSchema } from '../types/ddl';
import { StructType } from '../types/struct-type';
import type { OptionValue } from './data-stream-reader';

/** PySpark keyword arguments of the shortcut readers (`csv(path, { header: true })`), as one object. */
export type ReaderOptions = Record<string, OptionValue | StructType>;

export function toSchema(schema: unknown): StructType {
  if (schema instanceof StructType) return schema;
  if (typeof schema === 'string') return parseTableSchema(schema);
  throw notExpectedType('schema', 'str or struct type', schema);
}

/** What the keyword helpers need of a reader: both readers are immutable builders. */
interface ReaderBuilder<R> {
  option(key: string, value: OptionValue): R;
  schema(schema: StructType | string): R;
}

/** Applies keyword arguments: `schema` sets the schema (unless null), the rest are options. */
export function withKeywords<R extends ReaderBuilder<R>>(reader: R, named: ReaderOptions): R {
  let r = reader;
  for (const [k, v] of Object.entries(named)) {
    if (k === 'schema') {
      if (v !== null && v !== undefined) r = r.schema(v as StructType | string);
    } else {
      r = r.option(k, v as OptionValue);
    }
  }
  return r;
}

/** `csv(path, schema, options)` or `csv(path, options)`: the second argument is either. */
export function withSchemaAndKeywords<R extends ReaderBuilder<R>>(reader: R, schemaOrOptions: StructType | string | ReaderOptions | undefined, options: ReaderOptions): R {
  let r = reader;
  if (schemaOrOptions instanceof StructType || typeof schemaOrOptions === 'string') r = r.schema(schemaOrOptions);
  else if (schemaOrOptions !== undefined && schemaOrOptions !== null) r = withKeywords(r, schemaOrOptions);
  return withKeywords(r, options);
}
