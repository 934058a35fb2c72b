// A batch read of Kafka (Spark's KafkaRelation.buildScan + KafkaOffsetReaderAdmin
// .getOffsetRangesFromUnresolvedOffsets + KafkaSourceRDD): the subscribed partitions, their start
// and end offsets (earliest/latest bound late, timestamps looked up by ListOffsets), then every
// range [start, end) read in Spark's partition order. Asynchronous (kafkajs); the batch reader's
// synchronous API runs it in the Kafka worker thread (kafka-batch-bridge.ts).
import { randomUUID } from 'node:crypto';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { SparkException } from '../../errors/spark-exception';
import { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { Logger } from '../../util/logger';
import { offsetRangeLimit, type OffsetRangeLimit } from './kafka-batch-options';
import { KafkaReadClient } from './kafka-client';
import { KafkaExceptions } from './kafka-errors';
import { compareTpKeys, splitTpKey, type PartitionOffsets } from './kafka-offsets';
import { INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE, kafkaClientConfig, parseBoolean, parseLong, subscriptionStrategy, tpKey } from './kafka-options';
import { readPartitionRange } from './kafka-range-reader';
import { sparkBatchPartitionOrder, sparkPartitionOrder } from './spark-partition-order';

const log = new Logger('KafkaRelation');

/** What crosses to the worker: the reader's options (case as the user wrote them). */
export interface KafkaBatchRequest {
  options: [string, string][];
}

/** The Java client's UnknownTopicOrPartitionException, as Spark's admin call surfaces it. */
export function unknownTopicOrPartition(): SparkException {
  return new SparkException('java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.');
}

export async function readKafkaBatch(request: KafkaBatchRequest): Promise<unknown[][]> {
  const options = new CaseInsensitiveMap(request.options);
  const starting = offsetRangeLimit(options, 'starting');
  const ending = offsetRangeLimit(options, 'ending');
  const failOnDataLoss = parseBoolean('failOnDataLoss', options.get('failOnDataLoss'), true);
  const includeHeaders = parseBoolean('includeHeaders', options.get('includeHeaders'), false);
  const isolation = (options.get('kafka.isolation.level') ?? 'read_uncommitted').toLowerCase() === 'read_committed' ? 1 : 0;
  const fetchMaxBytes = options.has('kafka.max.partition.fetch.bytes') ? parseLong(options.get('kafka.max.partition.fetch.bytes')!) : 1048576;
  const client = new KafkaReadClient(kafkaClientConfig(options), isolation);
  const groupId = `spark-kafka-relation-${randomUUID()}-executor`;
  try {
    const leaders = new Map<string, number>();
    const apiTimeoutMs = options.has('kafka.default.api.timeout.ms') ? parseLong(options.get('kafka.default.api.timeout.ms')!) : 60_000;
    const assigned = await reachingBrokers(assignedPartitions(client, options, leaders), apiTimeoutMs, options.get('kafka.bootstrap.servers')!);
    const listOffsets = (keys: string[], timestamp: (key: string) => number): Promise<PartitionOffsets> =>
      client.listOffsets(keys.filter((k) => leaders.has(k)).map((k) => ({ ...topicPartition(k), timestamp: timestamp(k), leader: leaders.get(k)! })));
    const from = await partitionOffsets(starting, true, assigned, listOffsets);
    const until = await partitionOffsets(ending, false, assigned, listOffsets);
    // Late binding, as KafkaSourceRDD.resolveRange does when the range is read.
    const unresolved = (want: number) => [...new Set([...from, ...until].filter(([, o]) => o === want).map(([k]) => k))];
    const earliest = await listOffsets(unresolved(-2), () => -2);
    const latest = await listOffsets(unresolved(-1), () => -1);
    const resolve = (k: string, o: number): number => (o === -2 ? earliest.get(k) : o === -1 ? latest.get(k) : o) ?? o;
    const rows: unknown[][] = [];
    const ctx = {
      client,
      leaderOf: (k: string) => leaders.get(k),
      earliestOf: async (k: string) => (await listOffsets([k], () => -2)).get(k),
      fetchMaxBytes,
      groupId,
      includeHeaders,
      reportDataLoss: (message: string, error: () => Error) => {
        if (failOnDataLoss) throw error();
        log.warn(`${message}. ${INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE}`);
      },
    };
    for (const k of readOrder(ending, [...until.keys()])) {
      const start = resolve(k, from.get(k)!);
      const end = resolve(k, until.get(k)!);
      if (start > end) {
        const [topic, partition] = splitTpKey(k);
        throw KafkaExceptions.resolvedStartGreaterThanEnd(start, end, topic, partition);
      }
      if (end > start) await readPartitionRange(ctx, k, start, end, rows);
    }
    return rows;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Spark reads the ranges in the order of its end-offset map's keys: the subscribed partitions for
 * `latest`, the JSON's order for offsets per partition, ListOffsets' java.util.HashMap order for
 * timestamps (the micro-batch source's order, spark-partition-order.ts).
 */
function readOrder(ending: OffsetRangeLimit, keys: string[]): string[] {
  if (ending.kind === 'specific') return [...ending.offsets.keys()];
  if (ending.kind === 'globalTimestamp' || ending.kind === 'specificTimestamp') return sparkPartitionOrder(keys);
  return sparkBatchPartitionOrder(keys);
}

/**
 * The first metadata call, bounded by `kafka.default.api.timeout.ms` (60 s, the Java client's
 * default): no broker answering (refused, unknown host, silence) fails with the Java admin
 * client's TimeoutException text, naming the bootstrap servers and what kafkajs saw.
 */
async function reachingBrokers<T>(call: Promise<T>, timeoutMs: number, bootstrap: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const unreachable = (cause: string) =>
    new SparkException(
      `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: listNodes (no Kafka broker answered at kafka.bootstrap.servers=${bootstrap}: ${cause})`,
    );
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable(`no answer within kafka.default.api.timeout.ms=${timeoutMs}`)), timeoutMs);
  });
  call.catch(() => undefined);
  try {
    return await Promise.race([call, timeout]);
  } catch (e) {
    if (e instanceof SparkException) throw e;
    const name = (e as Error)?.name ?? '';
    if (name.startsWith('KafkaJS')) throw unreachable(`${name}: ${(e as Error).message}`);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function topicPartition(key: string): { topic: string; partition: number } {
  const [topic, partition] = splitTpKey(key);
  return { topic, partition };
}

/** ConsumerStrategy.assignedTopicPartitions: a subscribed or assigned topic that does not exist fails. */
async function assignedPartitions(client: KafkaReadClient, options: CaseInsensitiveMap, leaders: Map<string, number>): Promise<string[]> {
  const topics = await client.topics();
  for (const [topic, parts] of topics) for (const [p, leader] of parts) leaders.set(tpKey(topic, p), leader);
  const s = subscriptionStrategy(options);
  const keys: string[] = [];
  if (s.kind === 'assign') {
    for (const p of s.partitions) {
      if (!topics.has(p.topic)) throw unknownTopicOrPartition();
      keys.push(tpKey(p.topic, p.partition));
    }
  } else if (s.kind === 'subscribe') {
    for (const topic of s.topics) {
      const parts = topics.get(topic);
      if (parts === undefined) throw unknownTopicOrPartition();
      for (const p of parts.keys()) keys.push(tpKey(topic, p));
    }
  } else {
    for (const [topic, parts] of topics) if (s.pattern.test(topic)) for (const p of parts.keys()) keys.push(tpKey(topic, p));
  }
  return [...new Set(keys)].sort(compareTpKeys);
}

type ListOffsets = (keys: string[], timestamp: (key: string) => number) => Promise<PartitionOffsets>;

/** fetchPartitionOffsets: -2/-1 stay unresolved; timestamps become offsets now. */
async function partitionOffsets(limit: OffsetRangeLimit, isStarting: boolean, assigned: string[], listOffsets: ListOffsets): Promise<PartitionOffsets> {
  const same = (keys: string[]) => keys.length === assigned.length && [...keys].sort(compareTpKeys).every((k, i) => k === assigned[i]);
  switch (limit.kind) {
    case 'earliest':
      return new Map(assigned.map((k) => [k, -2]));
    case 'latest':
      return new Map(assigned.map((k) => [k, -1]));
    case 'specific': {
      const keys = [...limit.offsets.keys()];
      if (!same(keys)) throw KafkaExceptions.startOffsetDoesNotMatchAssigned(keys, assigned);
      return new Map(limit.offsets);
    }
    case 'globalTimestamp':
    case 'specificTimestamp': {
      const keys = limit.kind === 'globalTimestamp' ? assigned : [...limit.timestamps.keys()];
      if (limit.kind === 'specificTimestamp' && !same(keys)) throw KafkaExceptions.timestampOffsetDoesNotMatchAssigned(isStarting ? 'start' : 'end', keys, assigned);
      const timestampOf = (k: string): number => (limit.kind === 'globalTimestamp' ? limit.timestamp : limit.timestamps.get(k)!);
      const found = await listOffsets(keys, timestampOf);
      const out: PartitionOffsets = new Map();
      for (const k of keys) {
        const o = found.get(k);
        if (o !== undefined && o >= 0) out.set(k, o);
        else if (!isStarting || limit.strategy === 'latest') out.set(k, -1);
        else throw new IllegalArgumentException(`No offset matched from request of topic-partition ${k} and timestamp ${timestampOf(k)}.`);
      }
      return out;
    }
  }
}
