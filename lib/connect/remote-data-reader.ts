// spark.read / spark.readStream in remote mode: a Read relation (data source with format, schema,
// options and paths), streaming or not. The schema travels as a DDL string, as PySpark sends it.
import { unsupportedRemotely } from './unsupported';
import { StructType } from '../types/struct-type';
import { relation } from './relation';
import { RemoteDataFrame } from './remote-data-frame';
import type { RemoteSession } from './remote-session';

type OptionValue = string | number | boolean | null | undefined;
type ReaderOptions = Record<string, OptionValue>;

/** Option values as PySpark's Connect client sends them (Python's `str`: booleans `True`/`False`). */
function optionString(v: string | number | boolean): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
}

export class RemoteDataReader {
  constructor(
    private readonly session: RemoteSession,
    private readonly isStreaming: boolean,
    private readonly source: string | undefined = undefined,
    private readonly opts: Record<string, string> = {},
    private readonly userSchema: string | undefined = undefined,
  ) {}

  format(source: string): RemoteDataReader {
    return new RemoteDataReader(this.session, this.isStreaming, source, this.opts, this.userSchema);
  }

  option(key: string, value: OptionValue): RemoteDataReader {
    if (value === null || value === undefined) return this;
    return new RemoteDataReader(this.session, this.isStreaming, this.source, { ...this.opts, [key]: optionString(value) }, this.userSchema);
  }

  options(options: ReaderOptions): RemoteDataReader {
    let r: RemoteDataReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  /** A StructType or a DDL string (`"a INT, b STRING"`). */
  schema(schema: StructType | string): RemoteDataReader {
    const text = typeof schema === 'string' ? schema : schema.json();
    return new RemoteDataReader(this.session, this.isStreaming, this.source, this.opts, text);
  }

  load(path?: string | string[], format?: string, schema?: StructType | string, options: ReaderOptions = {}): RemoteDataFrame {
    let r: RemoteDataReader = this;
    if (format !== undefined) r = r.format(format);
    if (schema !== undefined) r = r.schema(schema);
    r = r.options(options);
    const paths = path === undefined ? [] : Array.isArray(path) ? path : [path];
    return r.build(paths);
  }

  private withSchemaAndOptions(schemaOrOptions: StructType | string | ReaderOptions | undefined, options: ReaderOptions): RemoteDataReader {
    let r: RemoteDataReader = this;
    if (typeof schemaOrOptions === 'string' || schemaOrOptions instanceof StructType) r = r.schema(schemaOrOptions);
    else if (schemaOrOptions) {
      const { schema, ...rest } = schemaOrOptions as ReaderOptions & { schema?: string };
      if (schema) r = r.schema(schema);
      r = r.options(rest);
    }
    return r.options(options);
  }

  text(path: string | string[], options: ReaderOptions = {}): RemoteDataFrame {
    return this.options(options).format('text').load(path);
  }

  csv(path: string | string[], schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): RemoteDataFrame {
    return this.withSchemaAndOptions(schemaOrOptions, options).format('csv').load(path);
  }

  json(path: string | string[], schemaOrOptions?: StructType | string | ReaderOptions, options: ReaderOptions = {}): RemoteDataFrame {
    return this.withSchemaAndOptions(schemaOrOptions, options).format('json').load(path);
  }

  parquet(path: string | string[], options: ReaderOptions = {}): RemoteDataFrame {
    return this.options(options).format('parquet').load(path);
  }

  /** spark.read.table / spark.readStream.table. */
  /** Naming a streaming source (Spark 4.2's DataStreamReader.name) is not sent by remote mode yet. */
  name(_sourceName?: string): never {
    throw unsupportedRemotely('readStream.name (named streaming sources)', 'an unnamed source');
  }

  table(tableName: string): RemoteDataFrame {
    return new RemoteDataFrame(this.session, relation({ case: 'read', value: { readType: { case: 'namedTable', value: { unparsedIdentifier: tableName, options: this.opts } }, isStreaming: this.isStreaming } }));
  }

  private build(paths: string[]): RemoteDataFrame {
    return new RemoteDataFrame(
      this.session,
      relation({
        case: 'read',
        value: {
          readType: {
            case: 'dataSource',
            value: {
              ...(this.source !== undefined ? { format: this.source } : {}),
              // PySpark's stream reader always sends a schema, empty when none is given.
              ...(this.userSchema !== undefined ? { schema: this.userSchema } : this.isStreaming ? { schema: '' } : {}),
              options: this.opts,
              paths,
            },
          },
          isStreaming: this.isStreaming,
        },
      }),
    );
  }
}
