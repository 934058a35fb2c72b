// df.writeStream in remote mode: a WriteStreamOperationStart command (format, options, output
// mode, trigger, query name, checkpoint, partitioning, path or table); the server starts the query
// and answers its id and run id. JavaScript foreach/foreachBatch functions cannot run on a server.
import { PySparkValueError } from '../errors/illegal-argument-exception';
import type { TriggerOptions } from '../streaming/trigger';
import type { RemoteDataFrame } from './remote-data-frame';
import { RemoteStreamingQuery } from './remote-streaming-query';
import { unsupportedRemotely } from './unsupported';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { WriteStreamOperationStartSchema } from './gen/spark/connect/commands_pb';

type OptionValue = string | number | boolean | null | undefined;
type FullStartInit = Exclude<MessageInitShape<typeof WriteStreamOperationStartSchema>, { $typeName: string }>;
type StartInit = Omit<FullStartInit, '$typeName'>;

function optionString(v: string | number | boolean): string {
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

export class RemoteDataStreamWriter {
  constructor(
    private readonly df: RemoteDataFrame,
    private readonly state: Omit<StartInit, 'input'> = { format: '', options: {}, outputMode: '', queryName: '' },
  ) {}

  private with(patch: Partial<StartInit>): RemoteDataStreamWriter {
    return new RemoteDataStreamWriter(this.df, { ...this.state, ...patch });
  }

  format(source: string): RemoteDataStreamWriter {
    return this.with({ format: source });
  }

  outputMode(mode: string): RemoteDataStreamWriter {
    return this.with({ outputMode: mode });
  }

  option(key: string, value: OptionValue): RemoteDataStreamWriter {
    if (value === null || value === undefined) return this;
    return this.with({ options: { ...this.state.options, [key]: optionString(value) } });
  }

  options(options: Record<string, OptionValue>): RemoteDataStreamWriter {
    let w: RemoteDataStreamWriter = this;
    for (const [k, v] of Object.entries(options)) w = w.option(k, v);
    return w;
  }

  partitionBy(...cols: (string | string[])[]): RemoteDataStreamWriter {
    return this.with({ partitioningColumnNames: cols.flat() });
  }

  queryName(name: string): RemoteDataStreamWriter {
    if (typeof name !== 'string' || name.trim().length === 0) {
      throw new PySparkValueError('VALUE_NOT_NON_EMPTY_STR', `Value for \`queryName\` must be a non-empty string, got '${String(name)}'.`, { arg_name: 'queryName', arg_value: String(name) });
    }
    return this.with({ queryName: name });
  }

  /** `trigger({ processingTime: "1 second" })`, `{ once: true }`, `{ availableNow: true }`, `{ continuous: "1 second" }` or `"1 second"`. */
  trigger(trigger: TriggerOptions | string): RemoteDataStreamWriter {
    const t: TriggerOptions = typeof trigger === 'string' ? { processingTime: trigger } : trigger;
    const given = Object.entries(t).filter(([, v]) => v !== undefined && v !== null);
    if (given.length !== 1) throw new PySparkValueError('ONLY_ALLOW_SINGLE_TRIGGER', 'Only a single trigger is allowed.');
    const [key, value] = given[0];
    switch (key) {
      case 'processingTime':
        return this.with({ trigger: { case: 'processingTimeInterval', value: typeof value === 'number' ? `${value} milliseconds` : String(value) } });
      case 'once':
        return this.with({ trigger: { case: 'once', value: true } });
      case 'availableNow':
        return this.with({ trigger: { case: 'availableNow', value: true } });
      case 'continuous':
        return this.with({ trigger: { case: 'continuousCheckpointInterval', value: String(value) } });
      default:
        throw new PySparkValueError('ONLY_ALLOW_SINGLE_TRIGGER', 'Only a single trigger is allowed.');
    }
  }

  /** Clustering columns are not sent by remote mode yet. */
  clusterBy(..._cols: unknown[]): never {
    throw unsupportedRemotely('writeStream.clusterBy', '`partitionBy`');
  }

  foreach(_f?: unknown): never {
    throw unsupportedRemotely('writeStream.foreach with a JavaScript function', 'a sink the server has (kafka, parquet/json/csv files, memory + `spark.table`, console)');
  }

  foreachBatch(_fn?: unknown): never {
    throw unsupportedRemotely('writeStream.foreachBatch with a JavaScript function', 'a sink the server has (kafka, parquet/json/csv files, memory + `spark.table`, console)');
  }

  /** Starts the query on the server; returns once the server has started it. */
  start(path?: string, format?: string, outputMode?: string, queryName?: string, options: Record<string, OptionValue> = {}): RemoteStreamingQuery {
    let w: RemoteDataStreamWriter = this;
    if (format !== undefined) w = w.format(format);
    if (outputMode !== undefined) w = w.outputMode(outputMode);
    if (queryName !== undefined) w = w.queryName(queryName);
    w = w.options(options);
    return w.run(path !== undefined ? { case: 'path', value: path } : undefined);
  }

  toTable(tableName: string, format?: string, outputMode?: string, partitionBy?: string | string[], queryName?: string, options: Record<string, OptionValue> = {}): RemoteStreamingQuery {
    let w: RemoteDataStreamWriter = this;
    if (format !== undefined) w = w.format(format);
    if (outputMode !== undefined) w = w.outputMode(outputMode);
    if (partitionBy !== undefined) w = w.partitionBy(partitionBy);
    if (queryName !== undefined) w = w.queryName(queryName);
    w = w.options(options);
    return w.run({ case: 'tableName', value: tableName });
  }

  /** The command start() sends (for tests and tools). */
  command(sinkDestination?: StartInit['sinkDestination']): StartInit {
    return { ...this.state, input: this.df.relation, ...(sinkDestination ? { sinkDestination } : {}) };
  }

  private run(sinkDestination: StartInit['sinkDestination']): RemoteStreamingQuery {
    const session = this.df.session;
    const responses = session.client.executeCommand({ commandType: { case: 'writeStreamOperationStart', value: this.command(sinkDestination) } } as never);
    for (const r of responses) {
      if (r.responseType.case === 'writeStreamOperationStartResult') {
        const res = r.responseType.value;
        const query = new RemoteStreamingQuery(session, res.queryId?.id ?? '', res.queryId?.runId ?? '', res.name ? res.name : null);
        session.streams.listenerBus.postStarted(res.queryStartedEventJson);
        return query;
      }
    }
    throw new PySparkValueError('INTERNAL_ERROR', 'The server answered writeStream.start() without the query id (a bug).');
  }
}
