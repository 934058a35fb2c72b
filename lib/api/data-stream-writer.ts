// pyspark.sql.streaming.DataStreamWriter: df.writeStream.format(..).outputMode(..).start().
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StructType, StructField } from '../types/struct-type';
import { AnalysisException } from '../errors/analysis-exception';
import { SparkException } from '../errors/spark-exception';
import { IllegalArgumentException, PySparkTypeError, PySparkValueError } from '../errors/illegal-argument-exception';
import { collectNodes, outputOf } from '../plans/logical-plan';
import type { OutputMode } from '../execution/physical-operator';
import { attribute } from '../expressions/expression';
import { Logger } from '../util/logger';
import { DEFAULT_TRIGGER, parseTrigger, Trigger, type TriggerOptions } from '../streaming/trigger';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { optionString, OptionValue } from './data-stream-reader';
import { StreamingQuery } from './streaming-query';
import { QueryIdleEvent, QueryProgressEvent, QueryStartedEvent, QueryTerminatedEvent } from './streaming-query-listener';
import type { ForeachTarget } from '../connectors/foreach/foreach-sink';
import type { ForeachBatchFunction } from './foreach-batch-sink';
import { toLocalPath } from '../util/local-path';
import { externalValueOptions } from '../types/external-row';
import type { SinkProvider } from '../connectors/sink';

/** foreach and foreachBatch accept every output mode and need no checkpoint, as in Spark. */
const log = new Logger('ResolveWriteToStream');

const CUSTOM_SINK_RULES: SinkProvider = {
  shortName: 'foreach',
  supportedOutputModes: ['append', 'update', 'complete'],
  allowsTemporaryCheckpoint: true,
  createSink: () => {
    throw new Error('custom sinks are built by the writer');
  },
};
/** toTable: a file table, so append only and a checkpoint is required, as Spark's V1 file tables. */
const TABLE_SINK_RULES: SinkProvider = {
  shortName: 'parquet',
  supportedOutputModes: ['append'],
  allowsTemporaryCheckpoint: false,
  createSink: () => {
    throw new Error('table sinks are built by the writer');
  },
};
import type { DataFrame } from './data-frame';
import { lazy } from '../util/lazy';
import { checkStr, checkDict, notExpectedType } from './argument-checks';
// Loaded on first use, so `import 'rivulet'` stays fast.
const unsupportedOperationCheckerModule = lazy(() => require('../analysis/unsupported-operation-checker') as typeof import('../analysis/unsupported-operation-checker'));
const plannerModule = lazy(() => require('../execution/planner') as typeof import('../execution/planner'));
const stateStoreProviderFactoryModule = lazy(() => require('../state/state-store-provider-factory') as typeof import('../state/state-store-provider-factory'));
const inMemoryStateStoreProviderModule = lazy(() => require('../state/in-memory-state-store-provider') as typeof import('../state/in-memory-state-store-provider'));
const streamMetadataModule = lazy(() => require('../checkpoint/stream-metadata') as typeof import('../checkpoint/stream-metadata'));
const microBatchExecutionModule = lazy(() => require('../streaming/micro-batch-execution') as typeof import('../streaming/micro-batch-execution'));
const sourceIdentityModule = lazy(() => require('../streaming/source-identity') as typeof import('../streaming/source-identity'));
const foreachSinkModule = lazy(() => require('../connectors/foreach/foreach-sink') as typeof import('../connectors/foreach/foreach-sink'));
const foreachBatchSinkModule = lazy(() => require('./foreach-batch-sink') as typeof import('./foreach-batch-sink'));
const fileSinkModule = lazy(() => require('../connectors/file/file-sink') as typeof import('../connectors/file/file-sink'));

interface WriterState {
  format: string | undefined;
  /** Set by foreach()/foreachBatch(): the sink is the user's code, not a registered format. */
  customSink?: { kind: 'foreach'; target: ForeachTarget } | { kind: 'foreachBatch'; fn: ForeachBatchFunction } | { kind: 'table'; name: string };
  /** clusterBy(...): the clustering columns toTable records on a new table. */
  clusterColumns?: string[];
  outputMode: OutputMode;
  options: CaseInsensitiveMap;
  queryName: string | undefined;
  trigger: Trigger;
  /** partitionBy(...): folders `col=value` in file sinks. */
  partitionColumns?: string[];
}

export function parseOutputMode(mode: string): OutputMode {
  if (typeof mode !== 'string' || mode.trim().length === 0) {
    throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`outputMode\` must be a non-empty string, got '${String(mode)}'.`, { arg_name: 'outputMode', arg_value: String(mode) });
  }
  const lower = mode.toLowerCase();
  if (lower === 'append' || lower === 'complete' || lower === 'update') return lower;
  throw new IllegalArgumentException(`Invalid streaming output mode: ${mode}. Accepted output modes are 'Append', 'Complete', 'Update'.`, {
    errorClass: 'STREAMING_OUTPUT_MODE.INVALID',
    sqlState: '42KDE',
    messageParameters: { outputMode: mode },
  });
}

export class DataStreamWriter {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.streaming.readwriter.DataStreamWriter object>';
  }

  private readonly state: WriterState;

  constructor(
    private readonly df: DataFrame,
    state?: WriterState,
  ) {
    this.state = state ?? { format: undefined, outputMode: 'append', options: new CaseInsensitiveMap(), queryName: undefined, trigger: DEFAULT_TRIGGER };
  }

  private with(changes: Partial<WriterState>): DataStreamWriter {
    return new DataStreamWriter(this.df, { ...this.state, ...changes });
  }

  format(source: string): DataStreamWriter {
    checkStr(source, 'source');
    return this.with({ format: source });
  }

  outputMode(mode: string): DataStreamWriter {
    return this.with({ outputMode: parseOutputMode(mode) });
  }

  option(key: string, value: OptionValue): DataStreamWriter {
    checkStr(key, 'key');
    if (value === null || value === undefined) return this;
    return this.with({ options: this.state.options.with(key, optionString(value)) });
  }

  options(options: Record<string, OptionValue>): DataStreamWriter {
    checkDict(options, 'options');
    let w: DataStreamWriter = this;
    for (const [k, v] of Object.entries(options)) w = w.option(k, v);
    return w;
  }

  /** `partitionBy("year", "month")`: file sinks write `year=2024/month=1/` folders. */
  partitionBy(...cols: (string | string[])[]): DataStreamWriter {
    const names = cols.flat();
    for (const c of names) {
      if (typeof c !== 'string') {
        throw notExpectedType('cols', 'str', c);
      }
    }
    return this.with({ partitionColumns: names });
  }

  queryName(name: string): DataStreamWriter {
    if (typeof name !== 'string' || name.trim().length === 0) {
      throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`queryName\` must be a non-empty string, got '${String(name)}'.`, { arg_name: 'queryName', arg_value: String(name) });
    }
    return this.with({ queryName: name });
  }

  /** `trigger({ processingTime: "1 second" })`, `trigger({ once: true })`, `trigger({ availableNow: true })` or `trigger("1 second")`. */
  trigger(trigger: TriggerOptions | string): DataStreamWriter {
    return this.with({ trigger: parseTrigger(trigger) });
  }

  /** `foreach(row => ...)` or `foreach({ open, process, close })`: Spark's foreach sink. */
  foreach(f: ForeachTarget): DataStreamWriter {
    return this.with({ customSink: { kind: 'foreach', target: foreachSinkModule().checkForeachTarget(f) }, format: 'foreach' });
  }

  /** `foreachBatch((df, batchId) => ...)`: each micro-batch as a batch DataFrame. */
  foreachBatch(fn: ForeachBatchFunction): DataStreamWriter {
    if (typeof fn !== 'function') {
      throw notExpectedType('func', 'function', fn);
    }
    return this.with({ customSink: { kind: 'foreachBatch', fn }, format: 'foreachBatch' });
  }

  /** `clusterBy('a')`: clustering columns recorded on the table toTable creates. */
  clusterBy(...cols: (string | string[])[]): DataStreamWriter {
    const names = cols.flat();
    if (names.length === 0) throw new PySparkValueError('CANNOT_BE_EMPTY', 'At least one column must be specified.', { item: 'column' });
    for (const c of names) {
      if (typeof c !== 'string') throw notExpectedType('cols', 'str', c);
    }
    return this.with({ clusterColumns: names });
  }

  /**
   * `toTable(tableName, format?, outputMode?, partitionBy?, queryName?, options)`: starts the query
   * appending each micro-batch to a session-catalog table (created from the stream's schema when
   * missing), which spark.table and readStream.table read. Needs a checkpoint location, as Spark.
   */
  toTable(tableName: string, format?: string | null, outputMode?: string | null, partitionBy?: string | string[] | null, queryName?: string | null, options: Record<string, OptionValue> = {}): StreamingQuery {
    if (typeof tableName !== 'string') throw notExpectedType('tableName', 'str', tableName);
    let w: DataStreamWriter = this;
    if (format !== null && format !== undefined) w = w.format(format);
    if (outputMode !== null && outputMode !== undefined) w = w.outputMode(outputMode);
    if (partitionBy !== null && partitionBy !== undefined) w = w.partitionBy(partitionBy);
    if (queryName !== null && queryName !== undefined) w = w.queryName(queryName);
    w = w.options(options);
    const schema = this.df.schema;
    const session = this.df.session;
    w = w.with({ customSink: { kind: 'table', name: tableName }, format: w.state.format ?? 'parquet' });
    // The query's checks (output mode, checkpoint) come first; the table is made before the first batch.
    const start = () => w.launch();
    if (w.state.outputMode === 'append' && (w.state.options.get('checkpointLocation') !== undefined || session.confGet('spark.sql.streaming.checkpointLocation') !== undefined)) {
      session.tables.createForStream(tableName, schema, w.state.format, w.state.clusterColumns ?? [], w.state.partitionColumns ?? []);
    }
    return start();
  }

  /** Starts the query and returns at once (as PySpark); the query runs in the background. */
  start(pathArg?: string, format?: string, outputMode?: string, queryName?: string, options: Record<string, OptionValue> = {}): StreamingQuery {
    if (pathArg !== undefined && pathArg !== null) checkStr(pathArg, 'path');
    let w: DataStreamWriter = this;
    if (format !== undefined) w = w.format(format);
    if (outputMode !== undefined) w = w.outputMode(outputMode);
    if (queryName !== undefined) w = w.queryName(queryName);
    w = w.options(options);
    if (pathArg !== undefined) w = w.option('path', pathArg);
    return w.launch();
  }

  private launch(): StreamingQuery {
    const session = this.df.session;
    const { outputMode, options, queryName, trigger } = this.state;
    const format = this.state.format ?? session.confGet('spark.sql.sources.default') ?? 'parquet';
    const custom = this.state.customSink;
    const sinkProvider = custom ? (custom.kind === 'table' ? TABLE_SINK_RULES : CUSTOM_SINK_RULES) : session.formats.sink(format);
    const plan = this.df.plan;

    if (!sinkProvider.supportedOutputModes.includes(outputMode)) {
      throw new AnalysisException(`Data source ${format} does not support ${unsupportedOperationCheckerModule().modeName(outputMode)} output mode`);
    }
    unsupportedOperationCheckerModule().checkStreamingPlan(plan, outputMode, { checkCorrectness: session.confGet('spark.sql.streaming.statefulOperator.checkCorrectness.enabled') !== 'false' });
    const partitionColumns = this.state.partitionColumns;
    if (custom && custom.kind !== 'table' && partitionColumns && partitionColumns.length > 0) {
      throw new AnalysisException(`'${custom.kind}' does not support partitioning`);
    }
    const pathOption = options.get('path');
    const localOptions = pathOption === undefined ? options : options.with('path', toLocalPath(pathOption));
    const sinkOptions = partitionColumns && partitionColumns.length > 0 ? localOptions.with(fileSinkModule().PARTITION_COLUMNS_OPTION, JSON.stringify(partitionColumns)) : localOptions;

    if (queryName && session.streams.active.some((q) => q.name === queryName)) {
      throw new IllegalArgumentException(`Cannot start query with name ${queryName} as a query with that name is already active in this SparkSession`);
    }

    const checkpointOption = options.get('checkpointLocation');
    let checkpointDir = checkpointOption === undefined ? undefined : toLocalPath(checkpointOption);
    const rootConf = session.confGet('spark.sql.streaming.checkpointLocation');
    const rootDir = rootConf === undefined ? undefined : toLocalPath(rootConf);
    if (checkpointDir === undefined && rootDir !== undefined) checkpointDir = path.join(rootDir, queryName ?? crypto.randomUUID());
    if (checkpointDir === undefined && !sinkProvider.allowsTemporaryCheckpoint) {
      throw new AnalysisException(
        'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).',
      );
    }
    const temporaryCheckpoint = checkpointDir === undefined;
    if (checkpointDir === undefined) {
      checkpointDir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporary-'));
      log.warn(
        `Temporary checkpoint location created which is deleted normally when the query didn't fail: ${checkpointDir}. If it's required to delete it under any circumstances, please set spark.sql.streaming.forceDeleteTempCheckpointLocation to true. Important to know deleting temp checkpoint folder is best effort.`,
      );
    }
    const offsetsDir = path.join(checkpointDir, 'offsets');
    if (sinkProvider.recoversFromCheckpoint?.(outputMode) === false && fs.existsSync(offsetsDir)) {
      throw new AnalysisException(`This query does not support recovering from checkpoint location. Delete ${offsetsDir} to start over.`, {
        errorClass: '_LEGACY_ERROR_TEMP_1299',
        messageParameters: { checkpointPath: offsetsDir },
      });
    }
    const id = streamMetadataModule().readOrCreateStreamMetadata(checkpointDir).id;
    if (session.streams.get(id)) {
      throw new IllegalArgumentException(
        `Cannot start query with id ${id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.`,
      );
    }
    const runId = crypto.randomUUID();

    const sessionConf = (key: string) => session.confGet(key);
    const output = outputOf(plan);
    const sinkSchema = StructType(output.map((a) => StructField(a.name, a.dataType, a.nullable)));
    const sink = custom
      ? custom.kind === 'foreach'
        ? new (foreachSinkModule().ForeachSink)(custom.target, externalValueOptions(sessionConf))
        : custom.kind === 'table'
          ? new (require('./table-sink') as typeof import('./table-sink')).TableSink(custom.name, session)
          : new (foreachBatchSinkModule().ForeachBatchSink)(custom.fn, session)
      : sinkProvider.createSink({
      options: sinkOptions,
      queryName,
      outputMode,
      schema: sinkSchema,
      checkpointLocation: checkpointDir,
      session: {
        timeZone: () => session.compileContext().timeZone,
        confGet: sessionConf,
        registerTempView: (name, schema, rows) =>
          session.registerTempView(name, {
            kind: 'subqueryAlias',
            alias: name,
            child: { kind: 'localRelation', name, data: rows, output: schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable)) },
          }),
      },
    });

    const relations = [...new Set(collectNodes(plan, 'streamingRelation'))];
    const sources = relations.map((r, index) =>
      session.formats.source(r.source.format).createSource({
        options: new CaseInsensitiveMap(r.source.options),
        userSchema: r.source.schema,
        clock: session.clock,
        defaultParallelism: session.defaultParallelism(),
        metadataPath: path.join(checkpointDir!, 'sources', r.source.name ?? String(index)),
        conf: sessionConf,
      }),
    );
    const compile = session.compileContext();
    const numRecent = Number(session.confGet('spark.sql.streaming.numRecentProgressUpdates') ?? '100');

    let query: StreamingQuery | undefined;
    const execution = new (microBatchExecutionModule().MicroBatchExecution)({
      id,
      runId,
      name: queryName ?? null,
      sources,
      planPhysical: (batchTimestampMicros, pinnedConf, statefulOperators) =>
        plannerModule().planPhysical(plan, {
          compile: { ...compile, currentTimestampMicros: batchTimestampMicros },
          numShufflePartitions: Number(pinnedConf['spark.sql.shuffle.partitions']),
          streamingRelations: relations,
          statefulOperators,
          outputMode,
        }),
      checkpoint: { dir: checkpointDir, temporary: temporaryCheckpoint },
      sourceIdentities: relations.map((r) => sourceIdentityModule().sourceIdentity(r.source.format, new CaseInsensitiveMap(r.source.options))),
      conf: sessionConf,
      // Called only when the planner found stateful operators. A temporary checkpoint is deleted
      // on stop and never recovered from: its state stays in memory instead of paying for
      // durable files every batch.
      createStateProvider: temporaryCheckpoint
        ? () => new (inMemoryStateStoreProviderModule().InMemoryStateStoreProvider)()
        : (pinned) => stateStoreProviderFactoryModule().createStateStoreProvider(pinned['spark.sql.streaming.stateStore.providerClass'], checkpointDir!, sessionConf),
      sink,
      sinkSchema,
      outputMode,
      trigger,
      clock: session.clock,
      numRecentProgressUpdates: numRecent,
      onTerminated: (exception) => {
        if (!query) return;
        session.streams.notifyTerminated(query, exception);
        const cause = exception?.cause;
        const causeClass = cause instanceof SparkException ? (cause.errorClass ?? null) : null;
        session.streams.post({ kind: 'terminated', event: new QueryTerminatedEvent(id, runId, exception ? exception.message : null, causeClass) });
      },
      onProgress: (progress, availableNow) => session.streams.post({ kind: 'progress', event: new QueryProgressEvent(progress), availableNow }),
      onIdle: (timestamp) => session.streams.post({ kind: 'idle', event: new QueryIdleEvent(id, runId, timestamp) }),
      observedMetrics: (values) => (require('./observation') as typeof import('./observation')).observedMetricsRows(plan, values, sessionConf),
    });
    const sinkFormat = custom ? custom.kind : (this.state.format ?? '');
    const planText = (extended: boolean, last: import('../streaming/micro-batch-execution').LastBatchInfo): string =>
      (require('../execution/explain/query-explain') as typeof import('../execution/explain/query-explain')).queryExplainText(plan, extended, {
        sinkFormat,
        sinkOptions,
        checkpointDir: checkpointDir!,
        runId,
        outputMode,
        relations,
        numShufflePartitions: Number(session.confGet('spark.sql.shuffle.partitions') ?? '200'),
        autoBroadcastJoinThreshold: session.confGet('spark.sql.autoBroadcastJoinThreshold'),
        lastBatch: last,
      });
    query = new StreamingQuery(id, runId, queryName ?? null, execution, planText);
    session.streams.register(query);
    session.streams.post({ kind: 'started', event: new QueryStartedEvent(id, runId, queryName ?? null, new Date(session.clock.now()).toISOString()) });
    execution.start();
    return query;
  }
}
