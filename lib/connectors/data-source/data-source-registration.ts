// pyspark.sql.datasource.DataSourceRegistration (spark.dataSource): register(MyDataSource) makes
// the class's name() a format of spark.read, spark.readStream, df.write and writeStream. Options
// go to the DataSource constructor (keys case-insensitive), a user schema (DDL or StructType)
// replaces schema(). Built-in formats keep their names, as Spark looks them up first; registering
// a name again replaces the earlier class.
import { PySparkTypeError } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { parseTableSchema } from '../../types/ddl';
import { externalValueOptions } from '../../types/external-row';
import { jsTypeName } from '../../types/internal-row';
import { StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import type { FormatRegistry } from '../format-registry';
import type { SinkProvider } from '../sink';
import type { SourceContext, SourceProvider } from '../source';
import { DataSource, type DataSourceClass } from './data-source';
import { inDataSource } from './data-source-error';
import { dataSourceOptions } from './data-source-options';
import { DataSourceStreamSink } from './data-source-stream-sink';
import { DataSourceStreamSource } from './data-source-stream-source';
import type { DataSourceStreamReader } from './data-source-stream-reader';
import { SimpleStreamReaderWrapper } from './simple-stream-reader-wrapper';

/** The format name of a DataSource class: its static name(), else the class name. */
export function dataSourceName(cls: DataSourceClass): string {
  const n = (cls as { name: unknown }).name;
  const name = typeof n === 'function' ? (n as () => unknown).call(cls) : n;
  if (typeof name !== 'string' || name.length === 0) {
    throw new PySparkTypeError('NOT_STR', `Argument \`name\` should be a str, got ${jsTypeName(name)}.`, { arg_name: 'name', arg_type: jsTypeName(name) });
  }
  return name;
}

/** What schema() returned (StructType or DDL string), checked. */
export function dataSourceSchema(value: unknown, name: string): StructType {
  if (value instanceof StructType) return value;
  if (typeof value === 'string') return parseTableSchema(value);
  throw new SparkException(`Expected StructType or str, but got ${jsTypeName(value)}.`, {
    errorClass: 'DATA_SOURCE_TYPE_MISMATCH',
    messageParameters: { expected: 'StructType or str', actual: jsTypeName(value), name },
  });
}

export function typeMismatch(expected: string, actual: unknown): SparkException {
  return new SparkException(`Expected ${expected}, but got ${jsTypeName(actual)}.`, {
    errorClass: 'DATA_SOURCE_TYPE_MISMATCH',
    messageParameters: { expected, actual: jsTypeName(actual) },
  });
}

export interface RegisteredDataSource {
  readonly name: string;
  readonly cls: DataSourceClass;
  /** A new instance with these options (the constructor runs for every read or write, as in Spark). */
  create(options: CaseInsensitiveMap | Iterable<readonly [string, string]>): DataSource;
  /** The user's schema, else schema(). */
  schema(instance: DataSource, userSchema: StructType | undefined): StructType;
}

function registered(name: string, cls: DataSourceClass): RegisteredDataSource {
  return {
    name,
    cls,
    create(options) {
      const entries = 'entries' in options && typeof options.entries === 'function' ? [...(options as CaseInsensitiveMap).entries()] : [...(options as Iterable<readonly [string, string]>)];
      const instance = inDataSource('create', 'instance', () => new cls(dataSourceOptions(entries)));
      if (!(instance instanceof DataSource)) throw typeMismatch('an instance of DataSource', instance);
      return instance;
    },
    schema(instance, userSchema) {
      if (userSchema !== undefined) return userSchema;
      return inDataSource('create', 'instance', () => dataSourceSchema(instance.schema(), name));
    },
  };
}

/** The stream reader of a DataSource: streamReader(), else its simpleStreamReader() wrapped. */
export function streamReaderOf(instance: DataSource, schema: StructType): DataSourceStreamReader {
  let reader: unknown;
  try {
    reader = instance.streamReader(schema);
  } catch (e) {
    if (!(e instanceof SparkException && e.errorClass === 'NOT_IMPLEMENTED')) throw e;
    return new SimpleStreamReaderWrapper(instance.simpleStreamReader(schema));
  }
  return reader as DataSourceStreamReader;
}

export class DataSourceRegistration {
  private readonly sources = new Map<string, RegisteredDataSource>();

  constructor(
    private readonly formats: FormatRegistry,
    private readonly conf: (key: string) => string | undefined,
  ) {}

  /** Registers a DataSource subclass under its name(). */
  register(dataSource: DataSourceClass): void {
    if (typeof dataSource !== 'function' || !(dataSource.prototype instanceof DataSource)) {
      throw new PySparkTypeError('INVALID_TYPE', `Argument \`dataSource\` should be a subclass of DataSource, got ${jsTypeName(dataSource)}.`, {
        arg_name: 'dataSource',
        arg_type: jsTypeName(dataSource),
      });
    }
    const name = dataSourceName(dataSource);
    const key = name.toLowerCase();
    const isUsers = this.sources.has(key);
    const entry = registered(name, dataSource);
    this.sources.set(key, entry);
    if (isUsers || !this.formats.hasSource(name)) this.formats.registerSource(this.sourceProvider(entry));
    if (isUsers || !this.formats.hasSink(name)) this.formats.registerSink(this.sinkProvider(entry));
  }

  /** The registered data source of that name (case-insensitive), if any. */
  lookup(name: string): RegisteredDataSource | undefined {
    return this.sources.get(name.toLowerCase());
  }

  private timeZone(conf?: (key: string) => string | undefined): string {
    return (conf ?? this.conf)('spark.sql.session.timeZone') ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  }

  private sourceProvider(entry: RegisteredDataSource): SourceProvider {
    return {
      shortName: entry.name,
      sourceSchema: (ctx: SourceContext) => entry.schema(entry.create(ctx.options), ctx.userSchema),
      createSource: (ctx: SourceContext) => {
        const instance = entry.create(ctx.options);
        const schema = entry.schema(instance, ctx.userSchema);
        const reader = inDataSource('create', 'stream reader', () => streamReaderOf(instance, schema));
        return new DataSourceStreamSource(schema, reader, entry.name, this.timeZone(ctx.conf));
      },
    };
  }

  private sinkProvider(entry: RegisteredDataSource): SinkProvider {
    return {
      shortName: entry.name,
      supportedOutputModes: ['append', 'update', 'complete'],
      allowsTemporaryCheckpoint: false,
      createSink: (ctx) => {
        const instance = entry.create(ctx.options);
        const overwrite = ctx.outputMode === 'complete';
        return new DataSourceStreamSink(entry.name, () => inDataSource('create', 'stream writer', () => instance.streamWriter(ctx.schema, overwrite)), externalValueOptions((k) => ctx.session.confGet(k)));
      },
    };
  }
}
