// StreamSession (alias SparkSession): the entry point. `StreamSession.builder().appName(..)
// .getOrCreate()` and PySpark's property form `SparkSession.builder.appName(..)` both work.
import { availableParallelism } from 'node:os';
import { AnalysisException } from '../errors/analysis-exception';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { attribute } from '../expressions/expression';
import { createBuiltinRegistry } from '../expressions/builtin-functions';
import type { FunctionRegistry } from '../expressions/function-registry';
import type { ResolverContext } from '../analysis/expression-resolver';
import type { CompileContext } from '../expressions/function-definition';
import { createBuiltinFormats } from '../connectors/builtin-formats';
import type { DataSourceRegistration } from '../connectors/data-source/data-source-registration';
import type { FormatRegistry } from '../connectors/format-registry';
import type { LogicalPlan } from '../plans/logical-plan';
import { SystemClock, type Clock } from '../streaming/clock';
import { StructType } from '../types/struct-type';
import { DataType, DataTypes } from '../types/data-types';
import { parseTableSchema } from '../types/ddl';
import { DataFrame, prepareBatchPlan } from '../api/data-frame';
import { UDFRegistration } from '../api/udf';
import { DataStreamReader } from '../api/data-stream-reader';
import { DataFrameReader } from '../api/data-frame-reader';
import { StreamingQueryManager } from '../api/streaming-query-manager';
import type { StreamingCheckpointManager } from '../streaming/streaming-checkpoint-manager';
import { ConsoleProgressLine } from '../api/console-progress-line';
import { StreamingUiHistory } from '../api/streaming-ui-history';
import type { StreamingUiServer } from '../api/streaming-ui-server';
import type { SessionContext, SessionTables } from '../api/session-context';
import { quoteNameParts, tableOrViewNotFoundError } from '../errors/query-compilation-errors';
import { isLogLevel, setLogLevel } from '../util/logger';
import { RuntimeConfig } from './runtime-config';
import { installProcessHooks } from './process-hooks';
import { tableCatalogOf } from './table-catalog';
import { parseMultipartIdentifier } from '../sql/parse';
import { lazy } from '../util/lazy';
import { checkDict, checkInt, checkStr, notExpectedType } from '../api/argument-checks';
// Loaded on first use, so `import 'rivulet'` stays fast.
const sqlStatementRunnerModule = lazy(() => require('./sql-statement-runner') as typeof import('./sql-statement-runner'));
const globalTempViewsModule = lazy(() => require('./global-temp-views') as typeof import('./global-temp-views'));
const createDataFrameModule = lazy(() => require('../types/user-data-rows') as typeof import('../types/user-data-rows'));

/** spark.sparkContext: what streaming programs touch of it. */
export class SparkContext {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<SparkContext master=${this.session.conf.get('spark.master')} appName=${this.session.conf.get('spark.app.name')}>`;
  }

  constructor(private readonly session: StreamSession) {}

  get appName(): string {
    return this.session.conf.get('spark.app.name');
  }

  get master(): string {
    return this.session.conf.get('spark.master');
  }

  /** The local dashboard's address, or null when spark.ui.enabled is not true. */
  get uiWebUrl(): string | null {
    return this.session.uiWebUrl;
  }

  /** Levels as log4j: ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN (case-insensitive). */
  setLogLevel(logLevel: string): void {
    const upper = String(logLevel).toUpperCase();
    if (!isLogLevel(upper)) {
      throw new IllegalArgumentException(`Supplied level ${logLevel} did not match one of: ALL,DEBUG,ERROR,FATAL,INFO,OFF,TRACE,WARN`);
    }
    setLogLevel(upper);
  }

  stop(): Promise<void> {
    return this.session.stop();
  }
}

/**
 * A view's plan as kept: Spark's formatTableName makes the view's qualifier (`coursesales`.`year`)
 * its name lower-cased unless analysis is case sensitive.
 */
function viewPlan(name: string, plan: LogicalPlan, caseSensitive: boolean): LogicalPlan {
  return plan.kind === 'subqueryAlias' && plan.alias === name && !caseSensitive ? { ...plan, alias: name.toLowerCase() } : plan;
}

export class StreamSession implements SessionContext {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.session.SparkSession object>';
  }

  private static active: StreamSession | undefined;

  readonly conf: RuntimeConfig;
  readonly sparkContext: SparkContext;
  readonly streams = new StreamingQueryManager();
  readonly formats: FormatRegistry = createBuiltinFormats();
  readonly functions: FunctionRegistry = createBuiltinRegistry((r) => (require('../connectors/file/csv-functions') as typeof import('../connectors/file/csv-functions')).registerCsvFunctions(r));
  clock: Clock = new SystemClock();
  private tablesImpl: SessionTables | undefined;

  /** The session catalog's tables (in spark.sql.warehouse.dir). */
  get tables(): SessionTables {
    return (this.tablesImpl ??= new (require('./session-tables') as typeof import('./session-tables')).WarehouseTables(this));
  }
  private readonly tempViews = new Map<string, LogicalPlan>();
  private stopped = false;

  /** Use the builder; the constructor is for tests that need an isolated session. */
  constructor(config: Record<string, string> = {}) {
    this.conf = new RuntimeConfig(config);
    this.streams.useStatusLine(new ConsoleProgressLine(process.stderr, () => this.conf.getOption('spark.ui.showConsoleProgress')));
    if ((this.conf.getOption('spark.ui.enabled') ?? 'false').trim().toLowerCase() === 'true') this.startUi();
    this.sparkContext = new SparkContext(this);
  }

  /** `StreamSession.builder()` or `StreamSession.builder.appName(..)`. */
  static get builder(): BuilderEntry {
    return builderEntry();
  }

  static getActiveSession(): StreamSession | null {
    return StreamSession.active ?? null;
  }

  /** Internal: the builder registers the session it creates. */
  static setActive(session: StreamSession | undefined): void {
    StreamSession.active = session;
  }

  /**
   * PySpark 4.2's `spark._streamingCheckpointManager` (Scala's `spark.streamingCheckpointManager`):
   * offline operations on a stopped query's checkpoint, such as state repartitioning.
   */
  get streamingCheckpointManager(): StreamingCheckpointManager {
    // Loaded on first use: the state and checkpoint modules wait until a query needs them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { StreamingCheckpointManager: Manager } = require('../streaming/streaming-checkpoint-manager') as typeof import('../streaming/streaming-checkpoint-manager');
    return new Manager((key) => this.conf.getOption(key));
  }

  get _streamingCheckpointManager(): StreamingCheckpointManager {
    return this.streamingCheckpointManager;
  }

  /** `spark.udf.register(name, f, returnType)`: JavaScript functions callable from SQL. */
  get udf(): UDFRegistration {
    return new UDFRegistration(this.functions);
  }

  /** `spark.dataSource.register(MyDataSource)`: user data sources (pyspark.sql.datasource). */
  get dataSource(): DataSourceRegistration {
    // Loaded on first use, as the format modules (start-up: `import 'rivulet'` stays small).
    const { DataSourceRegistration: Registration } = require('../connectors/data-source/data-source-registration') as typeof import('../connectors/data-source/data-source-registration');
    return (this.dataSourceRegistration ??= new Registration(this.formats, (key) => this.confGet(key)));
  }

  private dataSourceRegistration: DataSourceRegistration | undefined;

  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /** spark.read: batch reads of text, csv and json files. */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  get version(): string {
    return '4.0.0';
  }

  // ---- SessionContext ----

  resolverContext(): ResolverContext {
    return {
      registry: this.functions,
      timeZone: this.conf.get('spark.sql.session.timeZone'),
      ansiEnabled: this.conf.get('spark.sql.ansi.enabled').toLowerCase() === 'true',
      caseSensitive: this.conf.get('spark.sql.caseSensitive').toLowerCase() === 'true',
      conf: (key) => this.conf.getOption(key),
      // Subqueries in expr() / selectExpr / where strings, as in spark.sql.
      subqueries: {
        analyze: (query, outer) => sqlStatementRunnerModule().analyzeSubquery(this, query, outer),
        prepare: (plan) => prepareBatchPlan(this, plan),
      },
    };
  }

  compileContext(): CompileContext {
    return {
      ansiEnabled: this.conf.get('spark.sql.ansi.enabled').toLowerCase() === 'true',
      timeZone: this.conf.get('spark.sql.session.timeZone'),
      conf: (key) => this.conf.get(key, null),
    };
  }

  numShufflePartitions(): number {
    const n = Number(this.conf.get('spark.sql.shuffle.partitions'));
    if (!Number.isInteger(n) || n <= 0) throw new IllegalArgumentException(`spark.sql.shuffle.partitions must be a positive integer, got ${this.conf.get('spark.sql.shuffle.partitions')}`);
    return n;
  }

  defaultParallelism(): number {
    const explicit = this.conf.getOption('spark.default.parallelism');
    if (explicit !== undefined) return Number(explicit);
    const m = /^local\[(\d+|\*)/.exec(this.conf.get('spark.master'));
    if (!m) return 1;
    return m[1] === '*' ? Math.max(1, availableParallelism()) : Number(m[1]);
  }

  confGet(key: string): string | undefined {
    return this.conf.getOption(key);
  }

  registerTempView(name: string, plan: LogicalPlan): void {
    this.tempViews.set(name.toLowerCase(), viewPlan(name, plan, this.conf.get('spark.sql.caseSensitive').toLowerCase() === 'true'));
  }



  lookupTempView(name: string): LogicalPlan | undefined {
    return this.tempViews.get(name.toLowerCase());
  }

  /** The names of the session's temporary views (memory-sink tables included). */
  tempViewNames(): string[] {
    return [...this.tempViews.keys()];
  }

  /** `spark.catalog`: tables of the warehouse and the session's temporary views. */
  get catalog(): import('./catalog').Catalog {
    return new (require('./catalog') as typeof import('./catalog')).Catalog(this);
  }

  /** Removes a temp view; false when there was none. */
  dropTempView(name: string): boolean {
    return this.tempViews.delete(name.toLowerCase());
  }

  lookupGlobalTempView(name: string): LogicalPlan | undefined {
    return globalTempViewsModule().globalTempViews.get(name);
  }

  /** A global temporary view (`global_temp.name`), shared by the process's sessions. */
  registerGlobalTempView(name: string, plan: LogicalPlan): void {
    globalTempViewsModule().globalTempViews.set(name, viewPlan(name, plan, this.conf.get('spark.sql.caseSensitive').toLowerCase() === 'true'));
  }

  /**
   * Runs a SQL statement: a query gives a DataFrame (streaming when it reads a streaming view),
   * CREATE TEMPORARY VIEW / DROP VIEW / SET / RESET change the session.
   */
  sql(sqlQuery: string): DataFrame {
    checkStr(sqlQuery, 'sqlQuery');
    return sqlStatementRunnerModule().runSql(this, sqlQuery);
  }

  // ---- user API ----

  /** A temp view (or memory-sink table), else a session table made with CREATE TABLE, as a DataFrame. */
  table(tableName: string): DataFrame {
    checkStr(tableName, 'tableName');
    const plan = this.lookupTable(tableName);
    if (!plan) throw tableOrViewNotFoundError(quoteNameParts(parseMultipartIdentifier(tableName)));
    return new DataFrame(this, plan);
  }

  /**
   * Spark's relation lookup for `spark.table` / `spark.read.table`: temp views shadow tables; a
   * table may be qualified as `default.t` or `spark_catalog.default.t`.
   */
  lookupTable(tableName: string): LogicalPlan | undefined {
    const view = this.lookupTempView(tableName);
    if (view) return view;
    const parts = parseMultipartIdentifier(tableName);
    // `global_temp.v`: a global temporary view, found only so qualified.
    if (parts.length === 2 && parts[0].toLowerCase() === globalTempViewsModule().GLOBAL_TEMP_DATABASE) return globalTempViewsModule().globalTempViews.get(parts[1]);
    const qualifier = parts.slice(0, -1).map((p) => p.toLowerCase());
    const inSessionCatalog = qualifier.length === 0 || (qualifier.length <= 2 && qualifier[qualifier.length - 1] === 'default' && (qualifier.length === 1 || qualifier[0] === 'spark_catalog'));
    // A quoted single name (`` `t` ``) still finds the view.
    const quotedView = parts.length === 1 ? this.lookupTempView(parts[0]) : undefined;
    if (quotedView) return quotedView;
    return inSessionCatalog ? tableCatalogOf(this).lookup(parts[parts.length - 1]) : undefined;
  }

  /** Rows as arrays, objects or Rows, with a StructType, DDL string or list of column names. */
  createDataFrame(data: readonly unknown[] | Iterable<unknown> | { collect(): unknown[] }, schema?: StructType | string | string[] | DataType): DataFrame {
    if (data === null || typeof data !== 'object') throw notExpectedType('data', 'list', data);
    // An RDD (spark.sparkContext.parallelize(...)): its elements, as PySpark's createDataFrame(rdd).
    const isRdd = !Array.isArray(data) && typeof (data as { collect?: unknown }).collect === 'function' && typeof (data as { getNumPartitions?: unknown }).getNumPartitions === 'function';
    if (!isRdd && !(Symbol.iterator in data)) throw notExpectedType('data', 'list', data);
    const rowsIn: readonly unknown[] = isRdd ? (data as { collect(): unknown[] }).collect() : Array.isArray(data) ? data : [...(data as Iterable<unknown>)];
    if (schema !== undefined && schema !== null && typeof schema !== 'string' && !Array.isArray(schema) && !(schema instanceof DataType)) throw notExpectedType('schema', 'list, None or StructType', schema);
    const parsed = typeof schema === 'string' ? parseTableSchema(schema) : schema;
    const { rows, schema: resolved } = createDataFrameModule().rowsFromUserData(rowsIn, parsed, this.confGet('spark.sql.session.timeZone') ?? 'UTC');
    const output = resolved.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    return new DataFrame(this, { kind: 'localRelation', name: 'LocalRelation', data: () => rows, output, rddBacked: true });
  }

  /**
   * `range(end)`, `range(start, end, step = 1, numPartitions?)`: one `id` BIGINT column, generated
   * lazily, in numPartitions slices (defaultParallelism by default), as Spark's Range.
   */
  range(start: number | bigint, end?: number | bigint | null, step: number | bigint = 1, numPartitions?: number | null): DataFrame {
    checkInt(start, 'start');
    if (end !== undefined && end !== null) checkInt(end, 'end');
    checkInt(step, 'step');
    const [from, to] = end === undefined || end === null ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    const by = BigInt(step);
    if (by === 0n) throw new IllegalArgumentException('requirement failed: step (0) cannot be 0');
    const output = [attribute('id', DataTypes.LongType, false)];
    const data = (): unknown[][] => {
      const rows: unknown[][] = [];
      for (let i = from; by > 0n ? i < to : i > to; i += by) rows.push([i]);
      return rows;
    };
    if (numPartitions !== undefined && numPartitions !== null) checkInt(numPartitions, 'numPartitions');
    const slices = numPartitions ?? this.defaultParallelism();
    const { partitionedRelation } = require('../api/partitioned-relation') as typeof import('../api/partitioned-relation');
    return new DataFrame(this, partitionedRelation(output, 'Range', () => rangeSlices(data(), slices)));
  }

  private ui: StreamingUiServer | null = null;

  /** The local dashboard (spark.ui.enabled=true; spark.ui.port, default 4040; spark.ui.host, default 127.0.0.1). */
  private startUi(): void {
    const history = new StreamingUiHistory();
    this.streams.useUiHistory(history);
    const port = Number(this.conf.getOption('spark.ui.port') ?? '4040');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new IllegalArgumentException(`requirement failed: startPort should be between 1024 and 65535 (inclusive), or 0 for a random free port.`);
    const { StreamingUiServer } = require('../api/streaming-ui-server') as typeof import('../api/streaming-ui-server');
    this.ui = StreamingUiServer.start(history, () => this.conf.get('spark.app.name'), this.conf.getOption('spark.ui.host') ?? '127.0.0.1', port);
  }

  /**
   * The dashboard's address (PySpark's sc.uiWebUrl), or null when spark.ui.enabled is not true and
   * until the server is bound (on the next tick after the session is created).
   */
  get uiWebUrl(): string | null {
    return this.ui?.url ?? null;
  }

  /** Stops every query of this session. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.streams.stopAll();
    await this.ui?.close();
    // The Kafka worker thread a batch Kafka read started ends with the session (a later read starts
    // another); required here, not imported, so sessions that never read Kafka do not load it.
    await (require('../connectors/kafka/kafka-batch-bridge') as typeof import('../connectors/kafka/kafka-batch-bridge')).closeKafkaBatchBridge();
    if (StreamSession.active === this) StreamSession.active = undefined;
    // Global temporary views end with the application.
    globalTempViewsModule().globalTempViews.clear();
  }

  /** Internal: called when a query starts, so Ctrl-C stops queries cleanly. */
  installProcessHooks(): void {
    installProcessHooks(() => this.streams.stopAll(), () => this.streams.active.length);
  }
}

export class Builder {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.session.SparkSession.Builder object>';
  }

  private readonly options: Record<string, string> = {};

  /** PySpark stores builder options as strings (`appName(5)` names the application '5'). */
  appName(name: string): Builder {
    this.options['spark.app.name'] = String(name);
    return this;
  }

  master(master: string): Builder {
    this.options['spark.master'] = String(master);
    return this;
  }

  /** `config(key, value)` or `config({ key: value, ... })`. */
  config(key: string | Record<string, string | number | boolean>, value?: string | number | boolean): Builder {
    if (typeof key === 'string') {
      if (value !== undefined) this.options[key] = String(value);
    } else if (key !== null && key !== undefined) {
      // PySpark's config(None) (no key, no map) changes nothing.
      checkDict(key, 'map');
      for (const [k, v] of Object.entries(key)) this.options[k] = String(v);
    }
    return this;
  }

  enableHiveSupport(): Builder {
    return this;
  }

  /**
   * Remote mode: `remote('sc://host:15002')` runs everything on a Spark Connect server
   * (docs/guides/running-on-a-spark-cluster.md). The lib/connect layer loads only here, so local start-up is unchanged.
   */
  remote(url: string): RemoteBuilder {
    return new RemoteBuilder(url, this.options);
  }

  /** The active session (with these options applied) or a new one; SPARK_REMOTE selects remote mode. */
  getOrCreate(): StreamSession {
    const remoteUrl = this.options['spark.remote'] ?? process.env.SPARK_REMOTE;
    // The remote session has local mode's API (duck-typed): a script runs unchanged with SPARK_REMOTE set.
    if (remoteUrl && !remoteUrl.startsWith('local')) return new RemoteBuilder(remoteUrl, this.options).getOrCreate() as unknown as StreamSession;
    let session = StreamSession.getActiveSession();
    if (!session) {
      session = new StreamSession(this.options);
      StreamSession.setActive(session);
    } else {
      for (const [k, v] of Object.entries(this.options)) session.conf.set(k, v);
    }
    session.installProcessHooks();
    return session;
  }

  create(): StreamSession {
    const session = new StreamSession(this.options);
    session.installProcessHooks();
    return session;
  }
}

/** `builder().remote(url)`: getOrCreate() gives a RemoteSession (lib/connect). */
export class RemoteBuilder {
  constructor(
    private readonly url: string,
    private readonly options: Record<string, string>,
  ) {}

  appName(name: string): RemoteBuilder {
    return new RemoteBuilder(this.url, { ...this.options, 'spark.app.name': name });
  }

  config(key: string | Record<string, string | number | boolean>, value?: string | number | boolean): RemoteBuilder {
    const options = { ...this.options };
    if (typeof key === 'string') {
      if (value !== undefined) options[key] = String(value);
    } else if (key !== null && key !== undefined) {
      checkDict(key, 'map');
      for (const [k, v] of Object.entries(key)) options[k] = String(v);
    }
    return new RemoteBuilder(this.url, options);
  }

  getOrCreate(): import('../connect/remote-session').RemoteSession {
    const { RemoteSession } = require('../connect/remote-session') as typeof import('../connect/remote-session');
    return RemoteSession.getOrCreate(this.url, this.options);
  }

  create(): import('../connect/remote-session').RemoteSession {
    const { RemoteSession } = require('../connect/remote-session') as typeof import('../connect/remote-session');
    return new RemoteSession(this.url, this.options);
  }
}

type BuilderEntry = (() => Builder) & {
  remote(url: string): RemoteBuilder;
  appName(name: string): Builder;
  master(master: string): Builder;
  config(key: string | Record<string, string | number | boolean>, value?: string | number | boolean): Builder;
  enableHiveSupport(): Builder;
  getOrCreate(): StreamSession;
  create(): StreamSession;
};

function builderEntry(): BuilderEntry {
  const entry = (() => new Builder()) as BuilderEntry;
  entry.appName = (name) => new Builder().appName(name);
  entry.master = (master) => new Builder().master(master);
  entry.config = (key, value) => new Builder().config(key, value);
  entry.enableHiveSupport = () => new Builder();
  entry.remote = (url) => new Builder().remote(url);
  entry.getOrCreate = () => new Builder().getOrCreate();
  entry.create = () => new Builder().create();
  // `console.log(SparkSession.builder)` shows PySpark's repr, as a Builder does.
  Object.defineProperty(entry, Symbol.for('nodejs.util.inspect.custom'), { value: () => '<pyspark.sql.session.SparkSession.Builder object>' });
  return entry;
}

export { StreamSession as SparkSession };

// `df.sparkSession`: the session a DataFrame belongs to (the foreachBatch DataFrame's too). Declared
// here because the api layer only knows its SessionContext interface.
declare module '../api/data-frame' {
  interface DataFrame {
    readonly sparkSession: StreamSession;
  }
}
Object.defineProperty(DataFrame.prototype, 'sparkSession', {
  get(this: DataFrame): SessionContext {
    return this.session;
  },
  configurable: true,
});

/** Spark's Range slices: slice i holds elements [i * n / slices, (i + 1) * n / slices). */
function rangeSlices<T>(rows: T[], slices: number): T[][] {
  const n = rows.length;
  const out: T[][] = [];
  for (let i = 0; i < slices; i++) out.push(rows.slice(Math.floor((i * n) / slices), Math.floor(((i + 1) * n) / slices)));
  return out;
}
