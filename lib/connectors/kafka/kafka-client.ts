// The kafkajs client as the Kafka source and sink use it. Reads go through kafkajs's cluster and
// broker objects (Metadata, ListOffsets, Fetch on the partition leader) instead of its consumer:
// the consumer always joins a consumer group and commits, while Spark's source reads exact offset
// ranges with manual assignment and never commits. kafkajs's log lines go to our Logger.
import type { Kafka, KafkaConfig, LogEntry, Producer } from 'kafkajs';
import { lazy } from '../../util/lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajs = lazy(() => require('kafkajs') as typeof import('kafkajs'));
import { Logger } from '../../util/logger';
import type { TopicPartition } from './kafka-options';

const kafkajsLog = new Logger('org.apache.kafka.clients.kafkajs');

/**
 * Routes kafkajs's WARN/ERROR lines to our Logger at WARN (its INFO chatter is dropped). Its
 * per-response error lines are left out: the caller turns those errors into Spark's messages.
 */
function logCreator(): (entry: LogEntry) => void {
  return ({ namespace, log }) => {
    if (namespace === 'Connection' && log.message.startsWith('Response ')) return;
    kafkajsLog.warn(`[${namespace}] ${log.message}`);
  };
}

/** A record as fetched: offsets as numbers (safe up to 2^53), timestamps in epoch ms. */
export interface FetchedRecord {
  offset: number;
  timestamp: number;
  timestampType: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
}

/**
 * `next`: the offset after the last batch the response held, records or not: control batches
 * (transaction markers) and, under read_committed, aborted transactions' records occupy offsets no
 * reader is given, so a range may end in a gap that is not data loss.
 */
export type FetchResult = { kind: 'records'; records: FetchedRecord[]; highWatermark: number; next: number } | { kind: 'offsetOutOfRange' } | { kind: 'unknownPartition' };

// The parts of kafkajs's (untyped) internal cluster/broker objects used here.
interface KafkajsBroker {
  listOffsets(req: { replicaId: number; isolationLevel: number; topics: { topic: string; partitions: { partition: number; timestamp: string | number }[] }[] }): Promise<{
    responses: { topic: string; partitions: { partition: number; errorCode: number; offset: string; timestamp?: string }[] }[];
  }>;
  fetch(req: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: KafkajsFetchPartition[] }[] }>;
}

interface KafkajsFetchPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  abortedTransactions?: { producerId: string; firstOffset: string }[];
  messages: KafkajsMessage[];
}

interface KafkajsMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | null | undefined>;
  isControlRecord?: boolean;
  batchContext?: { timestampType?: number; firstOffset?: string; lastOffsetDelta?: number; producerId?: string; inTransaction?: boolean };
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  brokerPool: { metadata: { topicMetadata: { topic: string; partitionMetadata: { partitionId: number; leader: number }[] }[] } | null };
  findBroker(req: { nodeId: number | string }): Promise<KafkajsBroker>;
}

/** The symbol-keyed factory kafkajs's Kafka object uses to build the cluster for its clients. */
function createCluster(kafka: Kafka): KafkajsCluster {
  const sym = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!sym) throw new Error('Unsupported kafkajs version: cluster factory not found. This is a bug in Rivulet; please report it.');
  const factory = (kafka as unknown as Record<symbol, (o: object) => KafkajsCluster>)[sym];
  return factory({ allowAutoTopicCreation: false, metadataMaxAge: 0 });
}

export function newKafka(config: KafkaConfig): Kafka {
  return new (kafkajs().Kafka)({ ...config, logLevel: kafkajs().logLevel.WARN, logCreator });
}

export class KafkaReadClient {
  private readonly cluster: KafkajsCluster;
  private connected = false;

  constructor(
    config: KafkaConfig,
    private readonly isolationLevel: number,
  ) {
    this.cluster = createCluster(newKafka(config));
  }

  private async ensureConnected(): Promise<void> {
    if (this.connected) return;
    await this.cluster.connect();
    // Loads the broker list, which findBroker needs.
    await this.cluster.refreshMetadata();
    this.connected = true;
  }

  /** Every topic with its partition leaders (fresh metadata). */
  async topics(): Promise<Map<string, Map<number, number>>> {
    await this.ensureConnected();
    await this.cluster.refreshMetadata();
    const out = new Map<string, Map<number, number>>();
    for (const t of this.cluster.brokerPool.metadata?.topicMetadata ?? []) {
      out.set(t.topic, new Map(t.partitionMetadata.map((p) => [p.partitionId, p.leader])));
    }
    return out;
  }

  /**
   * ListOffsets for each partition with `timestamp` (-2 earliest, -1 latest, else the first offset
   * whose timestamp is >= it; -1 when none). Partitions the broker does not know are left out.
   */
  async listOffsets(partitions: (TopicPartition & { timestamp: number; leader: number })[]): Promise<Map<string, number>> {
    await this.ensureConnected();
    const byLeader = groupBy(partitions, (p) => p.leader);
    const out = new Map<string, number>();
    await Promise.all(
      [...byLeader].map(async ([leader, parts]) => {
        const broker = await this.cluster.findBroker({ nodeId: leader });
        // One request per partition: kafkajs throws for the whole response on any partition
        // error, and a vanished partition must not hide the others.
        await Promise.all(
          parts.map(async (p) => {
            try {
              const res = await broker.listOffsets({ replicaId: -1, isolationLevel: this.isolationLevel, topics: [{ topic: p.topic, partitions: [{ partition: p.partition, timestamp: String(p.timestamp) }] }] });
              const r = res.responses[0]?.partitions[0];
              if (r && r.errorCode === 0) out.set(`${p.topic}-${p.partition}`, Number(r.offset));
            } catch (e) {
              if ((e as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw e;
            }
          }),
        );
      }),
    );
    return out;
  }

  /** One Fetch from the leader starting at `offset` (records before it are dropped here). */
  async fetch(tp: TopicPartition, leader: number, offset: number, maxBytes: number): Promise<FetchResult> {
    await this.ensureConnected();
    const broker = await this.cluster.findBroker({ nodeId: leader });
    let response;
    try {
      response = await broker.fetch({
        replicaId: -1,
        isolationLevel: this.isolationLevel,
        maxWaitTime: 0,
        minBytes: 1,
        maxBytes,
        topics: [{ topic: tp.topic, partitions: [{ partition: tp.partition, fetchOffset: String(offset), maxBytes }] }],
      });
    } catch (e) {
      const type = (e as { type?: string }).type;
      if (type === 'OFFSET_OUT_OF_RANGE') return { kind: 'offsetOutOfRange' };
      if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return { kind: 'unknownPartition' };
      throw e;
    }
    const part = response.responses[0]?.partitions[0];
    if (!part) return { kind: 'records', records: [], highWatermark: offset, next: offset };
    const records: FetchedRecord[] = [];
    const aborted = this.isolationLevel === 1 ? new AbortedTransactions(part.abortedTransactions ?? []) : undefined;
    let next = offset;
    for (const m of part.messages) {
      const o = Number(m.offset);
      const ctx = m.batchContext;
      const batchEnd = ctx?.firstOffset !== undefined && ctx.lastOffsetDelta !== undefined ? Number(ctx.firstOffset) + ctx.lastOffsetDelta + 1 : o + 1;
      if (batchEnd > next) next = batchEnd;
      if (aborted?.skips(m)) continue;
      // The Java consumer never hands out control records (COMMIT/ABORT markers).
      if (m.isControlRecord) continue;
      if (o < offset) continue;
      records.push({ offset: o, timestamp: Number(m.timestamp), timestampType: ctx?.timestampType ?? 0, key: m.key, value: m.value, headers: flattenHeaders(m.headers) });
    }
    return { kind: 'records', records, highWatermark: Number(part.highWatermark), next };
  }

  async close(): Promise<void> {
    if (this.connected) await this.cluster.disconnect();
    this.connected = false;
  }
}

/**
 * read_committed as the Java consumer applies it: a transaction listed as aborted starts at its
 * first offset; from there the producer's transactional records are dropped until its ABORT marker
 * (a control record whose key has type 0).
 */
class AbortedTransactions {
  private readonly pending: { producerId: string; firstOffset: number }[];
  private readonly open = new Set<string>();

  constructor(list: { producerId: string; firstOffset: string }[]) {
    this.pending = list.map((a) => ({ producerId: a.producerId, firstOffset: Number(a.firstOffset) })).sort((a, b) => a.firstOffset - b.firstOffset);
  }

  skips(m: KafkajsMessage): boolean {
    const o = Number(m.offset);
    while (this.pending.length > 0 && this.pending[0].firstOffset <= o) this.open.add(this.pending.shift()!.producerId);
    const producerId = m.batchContext?.producerId;
    if (producerId === undefined || !m.batchContext?.inTransaction) return false;
    if (m.isControlRecord) {
      const abortMarker = m.key !== null && m.key.length >= 4 && m.key.readInt16BE(2) === 0;
      if (abortMarker) this.open.delete(producerId);
      return true;
    }
    return this.open.has(producerId);
  }
}

/** kafkajs folds headers into an object (repeated keys become arrays); back to a list. */
function flattenHeaders(headers: Record<string, Buffer | Buffer[] | null | undefined>): [string, Buffer | null][] {
  const out: [string, Buffer | null][] = [];
  for (const [k, v] of Object.entries(headers)) {
    // kafkajs's fold reads obj['__proto__'] of a plain object, so a header named __proto__ arrives
    // as [Object.prototype, value]: drop that stray prototype.
    if (Array.isArray(v)) {
      for (const b of v) if ((b as unknown) !== Object.prototype) out.push([k, b]);
    } else out.push([k, v ?? null]);
  }
  return out;
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** A connected kafkajs producer with the Java client's partitioner (murmur2 of the key). */
export async function connectProducer(config: KafkaConfig): Promise<Producer> {
  const producer = newKafka(config).producer({ createPartitioner: kafkajs().Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}
