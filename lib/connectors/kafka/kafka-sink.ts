// Spark's Kafka sink: rows with `value` (required), `key`, `topic` (or the `topic` option, which
// wins), `partition` and `headers` columns are produced with kafkajs, acks=all. The schema is
// checked with KafkaWriter.validateQuery's texts when the query runs. A batch id whose records were
// acknowledged gets a marker file `<checkpoint>/sinks/kafka/<batchId>`, and a replayed batch with a
// marker is skipped. A crash after the broker acknowledged but before the marker was written
// re-sends that batch on recovery: like Spark's Kafka sink, delivery is at-least-once. With the
// `transactional` option (or `kafka.transactional.id`), a Rivulet extension, each batch is one
// Kafka transaction with its batch id (kafka-transactional-writer.ts): exactly once for readers
// with kafka.isolation.level=read_committed.
import { Logger } from '../../util/logger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IHeaders, Message, Producer } from 'kafkajs';
import { writeFileAtomic } from '../../checkpoint/checkpoint-file-manager';
import { AnalysisException } from '../../errors/analysis-exception';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { DataTypes, ArrayType, type DataType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import type { Sink, SinkProvider } from '../sink';
import { readOrCreateStreamMetadata } from '../../checkpoint/stream-metadata';
import { corruptLogFile } from '../../checkpoint/metadata-log';
import { connectProducer } from './kafka-client';
import { KafkaTransactionalWriter } from './kafka-transactional-writer';
import { KafkaExceptions } from './kafka-errors';
import { kafkaClientConfig, parseBoolean, validateProducerOptions } from './kafka-options';

const HEADERS_TYPE = new ArrayType(new StructType([new StructField('key', DataTypes.StringType, true), new StructField('value', DataTypes.BinaryType, true)]), true);

interface ColumnIndexes {
  topic: number;
  key: number;
  value: number;
  partition: number;
  headers: number;
}

/** KafkaWriter.expression: the column's type must be one of `desired` (a missing column uses `missing`). */
function column(schema: StructType, name: string, desired: DataType[], missing: () => number): number {
  const index = schema.fields.findIndex((f) => f.name === name);
  if (index < 0) return missing();
  const type = schema.fields[index].dataType;
  if (!desired.some((d) => sameType(d, type))) {
    throw new IllegalStateError(`${name} attribute unsupported type ${type.simpleString()}. ${name} must be a(n) ${desired.map((d) => d.simpleString()).join(' or ')}`);
  }
  return index;
}

/** DataTypeUtils.sameType: equal ignoring nullability. */
function sameType(a: DataType, b: DataType): boolean {
  const strip = (t: DataType): string => t.simpleString();
  return strip(a) === strip(b);
}

class IllegalStateError extends Error {}

/** KafkaWriter.validateQuery; errors surface as AnalysisException (_LEGACY_ERROR_TEMP_3080). */
export function validateKafkaWriteSchema(schema: StructType, topic: string | undefined): ColumnIndexes {
  try {
    const topicIndex =
      topic !== undefined
        ? -1
        : column(schema, 'topic', [DataTypes.StringType], () => {
            throw new IllegalStateError("topic option required when no 'topic' attribute is present. Use the topic option for setting a topic.");
          });
    const key = column(schema, 'key', [DataTypes.StringType, DataTypes.BinaryType], () => -1);
    const value = column(schema, 'value', [DataTypes.StringType, DataTypes.BinaryType], () => {
      throw new IllegalStateError("Required attribute 'value' not found");
    });
    const headers = column(schema, 'headers', [HEADERS_TYPE], () => -1);
    const partition = column(schema, 'partition', [DataTypes.IntegerType], () => -1);
    return { topic: topicIndex, key, value, partition, headers };
  } catch (e) {
    if (e instanceof IllegalStateError) throw new AnalysisException(e.message, { errorClass: '_LEGACY_ERROR_TEMP_3080', messageParameters: { msg: e.message } });
    throw e;
  }
}

function toBuffer(v: unknown): Buffer | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  const u = v as Uint8Array;
  return Buffer.from(u.buffer, u.byteOffset, u.length);
}

/** Rows -> kafkajs messages grouped by topic, in row order. */
export function kafkaMessages(rows: readonly (readonly unknown[])[], cols: ColumnIndexes, topicOption: string | undefined): Map<string, Message[]> {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const topic = topicOption ?? (row[cols.topic] as string | null);
    if (topic === null || topic === undefined) throw KafkaExceptions.nullTopicInData();
    const message: Message = { key: cols.key < 0 ? null : toBuffer(row[cols.key]), value: toBuffer(row[cols.value]) };
    if (cols.partition >= 0 && row[cols.partition] !== null) message.partition = row[cols.partition] as number;
    if (cols.headers >= 0 && row[cols.headers] !== null) {
      // No prototype: a header named __proto__ must stay a header.
      const headers: IHeaders = Object.create(null);
      for (const [k, v] of row[cols.headers] as [string, Uint8Array | null][]) {
        const b = toBuffer(v) ?? Buffer.alloc(0);
        const prev = headers[k];
        headers[k] = prev === undefined ? b : Array.isArray(prev) ? [...prev, b] : [prev, b];
      }
      message.headers = headers;
    }
    const list = byTopic.get(topic);
    if (list) list.push(message);
    else byTopic.set(topic, [message]);
  }
  return byTopic;
}

const log = new Logger('KafkaSink');

/** spark.sql.streaming.minBatchesToRetain's default: markers kept for re-runs. */
const MARKERS_TO_RETAIN = 100;

export class KafkaSink implements Sink {
  readonly description: string;
  private producer: Producer | undefined;
  private readonly markerDir: string;

  constructor(
    private readonly options: CaseInsensitiveMap,
    private readonly topic: string | undefined,
    private readonly columns: ColumnIndexes | Error,
    checkpointLocation: string,
    private readonly transactional: KafkaTransactionalWriter | undefined,
  ) {
    this.description = `KafkaTable`;
    this.markerDir = path.join(checkpointLocation, 'sinks', 'kafka');
  }

  /** KafkaWriter.validateQuery runs when Spark builds the streaming write: the query fails, start() does not. */
  initialize(): void {
    if (this.columns instanceof Error) throw this.columns;
  }

  async addBatch(batchId: number, rows: unknown[][]): Promise<void> {
    const marker = path.join(this.markerDir, String(batchId));
    if (fs.existsSync(marker)) return;
    if (this.columns instanceof Error) throw this.columns;
    const byTopic = kafkaMessages(rows, this.columns, this.topic);
    if (this.transactional) {
      if (!(await this.transactional.write(batchId, [...byTopic].map(([topic, messages]) => ({ topic, messages }))))) {
        log.info(`Batch ${batchId} was committed to Kafka by an earlier run (transactional id ${this.transactional.transactionalId}); not sent again`);
      }
    } else if (byTopic.size > 0) {
      this.producer ??= await connectProducer(kafkaClientConfig(this.options));
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    }
    writeFileAtomic(marker, '');
    this.purgeMarkers(batchId);
  }

  private swept = false;

  /** Markers older than spark.sql.streaming.minBatchesToRetain (100) batches are never read again. */
  private purgeMarkers(batchId: number): void {
    const threshold = batchId - MARKERS_TO_RETAIN;
    if (threshold < 0) return;
    try {
      if (!this.swept) {
        this.swept = true;
        for (const n of fs.readdirSync(this.markerDir)) if (/^\d+$/.test(n) && Number(n) <= threshold) fs.rmSync(path.join(this.markerDir, n), { force: true });
      } else {
        fs.rmSync(path.join(this.markerDir, String(threshold)), { force: true });
      }
    } catch (e) {
      log.warn(`Could not purge old Kafka sink batch markers in ${this.markerDir}: ${(e as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    await p?.disconnect();
    await this.transactional?.close();
  }
}

const DERIVED_ID = /^rivulet-kafka-sink-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The derived transactional id, kept in `<checkpoint>/sinks/kafka/transactional-id` when first
 * made from the query id: the same producer after every restart even if one of the two files is
 * lost (a new id would neither fence the killed run nor know its committed batches). A damaged
 * file is refused naming it.
 */
function derivedTransactionalId(checkpointLocation: string): string {
  const file = path.join(checkpointLocation, 'sinks', 'kafka', 'transactional-id');
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    const id = text.endsWith('\n') ? text.slice(0, -1) : '';
    if (!DERIVED_ID.test(id)) throw corruptLogFile(file, "the Kafka sink's transactional id is damaged (expected rivulet-kafka-sink-<query id> and a newline)");
    return id;
  }
  const id = `rivulet-kafka-sink-${readOrCreateStreamMetadata(checkpointLocation).id}`;
  writeFileAtomic(file, `${id}\n`);
  return id;
}

/** The exactly-once writer when `transactional` is true or `kafka.transactional.id` is set. */
function transactionalWriter(options: CaseInsensitiveMap, checkpointLocation: string): KafkaTransactionalWriter | undefined {
  const explicit = options.get('kafka.transactional.id');
  const enabled = parseBoolean('transactional', options.get('transactional'), explicit !== undefined);
  if (!enabled) return undefined;
  return new KafkaTransactionalWriter(kafkaClientConfig(options), explicit ?? derivedTransactionalId(checkpointLocation));
}

export const kafkaSinkProvider: SinkProvider = {
  shortName: 'kafka',
  supportedOutputModes: ['append', 'update', 'complete'],
  allowsTemporaryCheckpoint: false,
  createSink(ctx) {
    validateProducerOptions(ctx.options);
    if (!ctx.options.has('kafka.bootstrap.servers')) {
      throw new IllegalArgumentException('Missing required configuration "bootstrap.servers" which has no default value.');
    }
    const topic = ctx.options.get('topic')?.trim();
    let columns: ColumnIndexes | Error;
    try {
      columns = validateKafkaWriteSchema(ctx.schema, topic);
    } catch (e) {
      if (!(e instanceof AnalysisException)) throw e;
      columns = e;
    }
    return new KafkaSink(ctx.options, topic, columns, ctx.checkpointLocation, transactionalWriter(ctx.options, ctx.checkpointLocation));
  },
};
