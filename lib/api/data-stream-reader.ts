// pyspark.sql.streaming.DataStreamReader: spark.readStream.format(..).option(..).schema(..).load().
import { StructType } from '../types/struct-type';
import { parseTableSchema } from '../types/ddl';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { attribute } from '../expressions/expression';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import type { SessionContext } from './session-context';
import { DataFrame } from './data-frame';

export type OptionValue = string | number | boolean | bigint | null | undefined;

/** PySpark's to_str: booleans become "true"/"false", None is dropped by the caller. */
export function optionString(value: Exclude<OptionValue, null | undefined>): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

export class DataStreamReader {
  constructor(
    private readonly session: SessionContext,
    private readonly source: string | undefined = undefined,
    private readonly opts: CaseInsensitiveMap = new CaseInsensitiveMap(),
    private readonly userSchema: StructType | undefined = undefined,
  ) {}

  format(source: string): DataStreamReader {
    return new DataStreamReader(this.session, source, this.opts, this.userSchema);
  }

  option(key: string, value: OptionValue): DataStreamReader {
    if (value === null || value === undefined) return this;
    return new DataStreamReader(this.session, this.source, this.opts.with(key, optionString(value)), this.userSchema);
  }

  options(options: Record<string, OptionValue>): DataStreamReader {
    let r: DataStreamReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  schema(schema: StructType | string): DataStreamReader {
    let parsed: StructType;
    if (schema instanceof StructType) parsed = schema;
    else if (typeof schema === 'string') parsed = parseTableSchema(schema);
    else throw new PySparkTypeError('NOT_STR_OR_STRUCT', `Argument \`schema\` should be a str or StructType, got ${typeof schema}.`, { arg_name: 'schema' });
    return new DataStreamReader(this.session, this.source, this.opts, parsed);
  }

  load(path?: string, format?: string, schema?: StructType | string, options: Record<string, OptionValue> = {}): DataFrame {
    let r: DataStreamReader = this;
    if (format !== undefined) r = r.format(format);
    if (schema !== undefined) r = r.schema(schema);
    r = r.options(options);
    if (path !== undefined) {
      if (typeof path !== 'string' || path.trim().length === 0) {
        throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`path\` must be a non empty string, got '${String(path)}'.`, { arg_name: 'path', arg_value: String(path) });
      }
      r = r.option('path', path);
    }
    return r.createDataFrame();
  }

  private createDataFrame(): DataFrame {
    const format = this.source ?? this.session.confGet('spark.sql.sources.default') ?? 'parquet';
    const provider = this.session.formats.source(format);
    const ctx = { options: this.opts, userSchema: this.userSchema };
    const schema = provider.sourceSchema(ctx);
    const output = schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    return new DataFrame(this.session, { kind: 'streamingRelation', source: { format, options: this.opts, schema }, output });
  }
}
