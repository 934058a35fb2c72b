// StreamSession in remote mode (PySpark's Spark Connect session): `StreamSession.builder()
// .remote('sc://host:15002').getOrCreate()`, or SPARK_REMOTE set in the environment. read,
// readStream, sql, table, createDataFrame, range, conf and streams have local mode's API; plans go
// to the server as Spark Connect protobuf and results come back as Arrow.
import { ConnectClient } from './connect-client';
import { parseConnectionString } from './connection-string';
import { RemoteDataFrame, decodeResult } from './remote-data-frame';
import { RemoteDataReader } from './remote-data-reader';
import { RemoteRuntimeConfig } from './remote-runtime-config';
import { RemoteStreamingQueryManager } from './remote-streaming-query-manager';
import { relation } from './relation';
import { arrowIpcOfRows } from './arrow-local-relation';
import { unsupportedRemotely } from './unsupported';
import { SparkException } from '../errors/spark-exception';
import { PySparkValueError } from '../errors/illegal-argument-exception';
import { rowsFromUserData } from '../types/user-data-rows';
import { parseTableSchema } from '../types/ddl';
import type { DataType } from '../types/data-types';
import { StructType } from '../types/struct-type';

export class RemoteSession {
  private static active: RemoteSession | undefined;
  readonly client: ConnectClient;
  readonly conf: RemoteRuntimeConfig;
  readonly streams: RemoteStreamingQueryManager;
  private stopped = false;

  constructor(readonly url: string, config: Record<string, string> = {}) {
    this.client = new ConnectClient(parseConnectionString(url));
    this.conf = new RemoteRuntimeConfig(this.client);
    this.streams = new RemoteStreamingQueryManager(this);
    for (const [k, v] of Object.entries(config)) {
      // Static confs (spark.master, spark.app.name) belong to the server; PySpark skips them too.
      if (k === 'spark.master' || k === 'spark.app.name' || k === 'spark.remote') continue;
      this.conf.set(k, v);
    }
  }

  static getActiveSession(): RemoteSession | null {
    return RemoteSession.active ?? null;
  }

  /** Internal: the builder's getOrCreate. */
  static getOrCreate(url: string, config: Record<string, string>): RemoteSession {
    const current = RemoteSession.active;
    if (current && !current.stopped && current.url === url) {
      for (const [k, v] of Object.entries(config)) if (k !== 'spark.master' && k !== 'spark.app.name' && k !== 'spark.remote') current.conf.set(k, v);
      return current;
    }
    RemoteSession.active = new RemoteSession(url, config);
    return RemoteSession.active;
  }

  /** True: this session runs plans on a Spark Connect server. */
  get isRemote(): boolean {
    return true;
  }

  get sessionId(): string {
    return this.client.sessionId;
  }

  /** PySpark 4.2 offers the streaming checkpoint manager in Spark Classic only, not over Spark Connect. */
  get streamingCheckpointManager(): never {
    throw new SparkException(
      'streamingCheckpointManager cannot run in remote mode (Spark Connect): PySpark 4.2 offers it in Spark Classic only. Repartition the stopped query\'s checkpoint from a local-mode session on the machine that holds it.',
      { errorClass: 'RIVULET_NOT_SUPPORTED_IN_REMOTE_MODE', sqlState: '0A000', messageParameters: { feature: 'streamingCheckpointManager', instead: 'a local-mode session' } },
    );
  }

  get version(): string {
    const r = this.client.analyze({ case: 'sparkVersion', value: {} });
    return r.result.case === 'sparkVersion' ? r.result.value.version : '';
  }

  get read(): RemoteDataReader {
    return new RemoteDataReader(this, false);
  }

  get readStream(): RemoteDataReader {
    return new RemoteDataReader(this, true);
  }

  /**
   * `spark.sql(text)`: the server runs commands (CREATE VIEW, SET...) at once, as PySpark's Connect
   * client does, and a query becomes a DataFrame over the SQL relation the server returns.
   */
  sql(sqlQuery: string): RemoteDataFrame {
    const responses = this.client.executeCommand({ commandType: { case: 'sqlCommand', value: { input: relation({ case: 'sql', value: { query: sqlQuery } }) } } } as never);
    for (const r of responses) {
      if (r.responseType.case === 'sqlCommandResult' && r.responseType.value.relation) {
        return new RemoteDataFrame(this, r.responseType.value.relation as never);
      }
    }
    return new RemoteDataFrame(this, relation({ case: 'sql', value: { query: sqlQuery } }));
  }

  table(tableName: string): RemoteDataFrame {
    return this.read.table(tableName);
  }

  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1, numPartitions?: number): RemoteDataFrame {
    const [from, to] = end === undefined ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    return new RemoteDataFrame(this, relation({ case: 'range', value: { start: from, end: to, step: BigInt(step), ...(numPartitions ? { numPartitions } : {}) } }));
  }

  /**
   * Rows are converted and checked exactly as local mode does (same accepted values, same errors),
   * then sent as PySpark's Connect client sends them: a LocalRelation holding one Arrow IPC stream
   * and the schema as JSON (no data when there are no rows), under a ToDF when the schema is a
   * list of column names.
   */
  createDataFrame(data: readonly unknown[], schema?: StructType | string | string[] | DataType): RemoteDataFrame {
    const parsed = typeof schema === 'string' ? parseTableSchema(schema) : schema;
    const tz = this.conf.get('spark.sql.session.timeZone', 'UTC') ?? 'UTC';
    const { rows, schema: resolved } = rowsFromUserData(data, parsed, tz);
    const local = relation({ case: 'localRelation', value: { ...(rows.length ? { data: arrowIpcOfRows(resolved, rows, tz) } : {}), schema: resolved.json() } });
    if (!Array.isArray(schema)) return new RemoteDataFrame(this, local);
    return new RemoteDataFrame(this, relation({ case: 'toDf', value: { input: local, columnNames: resolved.fieldNames() } }));
  }

  /** The Catalog API is not sent by remote mode yet: `spark.sql('SHOW TABLES')` and friends run on the server. */
  get catalog(): never {
    throw unsupportedRemotely('spark.catalog', "`spark.sql('SHOW TABLES')`, `spark.sql('DROP VIEW ...')` and other SQL statements");
  }

  get tables(): never {
    throw unsupportedRemotely('spark.tables', "`spark.sql('SHOW TABLES')` and `spark.table(name)`");
  }

  /** Rivulet's dashboard watches local queries; a remote session's queries run on the server (its Spark UI). */
  get uiWebUrl(): null {
    return null;
  }

  /** User data sources are JavaScript classes: the server cannot run them. */
  get dataSource(): never {
    throw unsupportedRemotely('spark.dataSource (user data sources written in JavaScript)', 'a built-in format');
  }

  get udf(): never {
    throw unsupportedRemotely('spark.udf (JavaScript UDFs)', 'built-in functions or SQL expressions');
  }

  /** As PySpark's Connect session: the SparkContext lives in the server's JVM. */
  get sparkContext(): never {
    throw new PySparkValueError(
      'JVM_ATTRIBUTE_NOT_SUPPORTED',
      'Attribute `sparkContext` is not supported in Spark Connect as it depends on the JVM. If you need to use this attribute, do not use Spark Connect when creating your session. Visit https://spark.apache.org/docs/latest/sql-getting-started.html#starting-point-sparksession for creating regular Spark Session in detail.',
      { attr_name: 'sparkContext' },
      '0A000',
    );
  }

  /** Releases the server session and closes the channel; running queries keep running on the server until stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (RemoteSession.active === this) RemoteSession.active = undefined;
    await this.streams.listenerBus.close();
    await this.client.close();
  }

  /** Runs a relation and returns engine rows (for tools). */
  executeRows(df: RemoteDataFrame) {
    return decodeResult(this.client.executeRelation(df.relation));
  }
}
