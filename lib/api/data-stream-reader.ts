// pyspark.sql.streaming.DataStreamReader: spark.readStream.format(..).option(..).schema(..).load().
import { toLocalPath } from '../util/local-path';
import { StructType } from '../types/struct-type';
import { PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { attribute } from '../expressions/expression';
import { AnalysisException } from '../errors/analysis-exception';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import type { SessionContext } from './session-context';
import { toSchema, withKeywords, withSchemaAndKeywords, type ReaderOptions } from './reader-arguments';
import { DataFrame } from './data-frame';
import { checkDict, checkStr, notExpectedType } from './argument-checks';
import { quoteNameParts, tableOrViewNotFoundError } from '../errors/query-compilation-errors';
import { parseMultipartIdentifier } from '../sql/parse';

export type OptionValue = string | number | boolean | bigint | null | undefined;

/** PySpark's to_str: booleans become "true"/"false", None is dropped by the caller. */
export function optionString(value: Exclude<OptionValue, null | undefined>): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}


/** The shortcut readers take one path string (PySpark 4.2's NOT_EXPECTED_TYPE). */
function streamPath(path: unknown): string {
  if (typeof path !== 'string') throw notExpectedType('path', 'str', path);
  return path;
}


export class DataStreamReader {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.streaming.readwriter.DataStreamReader object>';
  }

  constructor(
    private readonly session: SessionContext,
    private readonly source: string | undefined = undefined,
    private readonly opts: CaseInsensitiveMap = new CaseInsensitiveMap(),
    private readonly userSchema: StructType | undefined = undefined,
    private readonly sourceName: string | undefined = undefined,
  ) {}

  /**
   * `name('my_source')` (Spark 4.2, experimental): names the source, so its checkpoint state lives
   * under sources/<name> instead of its position; needs
   * spark.sql.streaming.queryEvolution.enableSourceEvolution=true, as in Spark.
   */
  name(sourceName: string): DataStreamReader {
    if (typeof sourceName !== 'string') throw notExpectedType('source_name', 'str', sourceName);
    if (!/^[a-zA-Z0-9_]+$/.test(sourceName)) {
      throw new PySparkValueError('INVALID_STREAMING_SOURCE_NAME', `Invalid streaming source name '${sourceName}'. Source names must contain only ASCII letters, digits, and underscores.`, { source_name: sourceName });
    }
    return new DataStreamReader(this.session, this.source, this.opts, this.userSchema, sourceName);
  }

  format(source: string): DataStreamReader {
    checkStr(source, 'source');
    return new DataStreamReader(this.session, source, this.opts, this.userSchema, this.sourceName);
  }

  option(key: string, value: OptionValue): DataStreamReader {
    checkStr(key, 'key');
    if (value === null || value === undefined) return this;
    return new DataStreamReader(this.session, this.source, this.opts.with(key, optionString(value)), this.userSchema, this.sourceName);
  }

  options(options: Record<string, OptionValue>): DataStreamReader {
    checkDict(options, 'options');
    let r: DataStreamReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  /** A StructType or a DDL string (`"a INT, b STRING"`). */
  schema(schema: StructType | string): DataStreamReader {
    return new DataStreamReader(this.session, this.source, this.opts, toSchema(schema), this.sourceName);
  }

  load(path?: string, format?: string, schema?: StructType | string, options: Record<string, OptionValue> = {}): DataFrame {
    let r: DataStreamReader = this;
    if (format !== undefined) r = r.format(format);
    if (schema !== undefined) r = r.schema(schema);
    r = r.options(options);
    if (path !== undefined) {
      if (typeof path !== 'string' || path.trim().length === 0) {
        throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`path\` must be a non-empty string, got '${String(path)}'.`, { arg_name: 'path', arg_value: String(path) });
      }
      r = r.option('path', toLocalPath(path));
    }
    return r.createDataFrame();
  }

  /**
   * `readStream.table(name)`: a streaming read of a session-catalog table (its Parquet files, new
   * files as they are written, e.g. by another query's toTable); a streaming temp view as is.
   */
  table(tableName: string): DataFrame {
    if (typeof tableName !== 'string') throw notExpectedType('tableName', 'str', tableName);
    const view = this.session.lookupTempView(tableName);
    if (view) return new DataFrame(this.session, view);
    const schema = this.session.tables.schemaOf(tableName);
    const location = this.session.tables.locationOf(tableName);
    if (!schema || !location) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(tableName)));
    return this.format('parquet').schema(schema).option('path', location).createDataFrame();
  }

  /** `text(path, wholetext?, lineSep?, pathGlobFilter?, recursiveFileLookup?)` or `text(path, { ... })`. */
  text(path: string, wholetext: boolean | ReaderOptions = false, lineSep?: string, pathGlobFilter?: string, recursiveFileLookup?: boolean): DataFrame {
    const named: ReaderOptions =
      typeof wholetext === 'object' && wholetext !== null ? { wholetext: false, ...wholetext } : { wholetext, lineSep, pathGlobFilter, recursiveFileLookup };
    return withKeywords<DataStreamReader>(this, named).format('text').load(streamPath(path));
  }

  /** `csv(path, schema)`, `csv(path, schema, { header: true, ... })`, `csv(path, { schema, ... })`. */
  csv(path: string, schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): DataFrame {
    return withSchemaAndKeywords<DataStreamReader>(this, schemaOrOptions, options).format('csv').load(streamPath(path));
  }

  /** `json(path, schema)`, `json(path, schema, { multiLine: true, ... })`, `json(path, { schema, ... })`. */
  json(path: string, schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): DataFrame {
    return withSchemaAndKeywords<DataStreamReader>(this, schemaOrOptions, options).format('json').load(streamPath(path));
  }

  /** `parquet(path, { mergeSchema, pathGlobFilter, recursiveFileLookup })`. */
  parquet(path: string, options: ReaderOptions = {}): DataFrame {
    return withKeywords<DataStreamReader>(this, options).format('parquet').load(streamPath(path));
  }

  private createDataFrame(): DataFrame {
    const format = this.source ?? this.session.confGet('spark.sql.sources.default') ?? 'parquet';
    const provider = this.session.formats.source(format);
    const ctx = { options: this.opts, userSchema: this.userSchema, conf: (key: string) => this.session.confGet(key) };
    const schema = provider.sourceSchema(ctx);
    const output = schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    if (this.sourceName !== undefined && (this.session.confGet('spark.sql.streaming.queryEvolution.enableSourceEvolution') ?? 'false').toLowerCase() !== 'true') {
      throw new AnalysisException(
        `Streaming query evolution error: Streaming source naming is not supported. Source name '${this.sourceName}' was provided but the feature is disabled. Please enable the feature by setting spark.sql.streaming.queryEvolution.enableSourceEvolution to true.`,
        { errorClass: 'STREAMING_QUERY_EVOLUTION_ERROR.SOURCE_NAMING_NOT_SUPPORTED', sqlState: '42KDE', messageParameters: { name: this.sourceName } },
      );
    }
    const source = this.sourceName === undefined ? { format, options: ctx.options, schema } : { format, options: ctx.options, schema, name: this.sourceName };
    return new DataFrame(this.session, { kind: 'streamingRelation', source, output });
  }

}
