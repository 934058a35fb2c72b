// Reading one topic-partition's offset range [from, until) into Spark's Kafka rows, shared by the
// micro-batch source and the batch relation (Spark's KafkaSourceRDD / KafkaDataConsumer.get):
// fetches from the leader until the range is complete, steps over transaction markers and aborted
// records, and reports records that are gone (retention, DeleteRecords, a deleted partition) as
// data loss, which fails the read or is logged per failOnDataLoss.
import type { FetchedRecord, KafkaReadClient } from './kafka-client';
import { KafkaExceptions, scalaSet, type KafkaIllegalStateException } from './kafka-errors';
import { splitTpKey } from './kafka-offsets';

export interface RangeReadContext {
  client: KafkaReadClient;
  /** The partition's leader from the latest metadata (undefined: the partition is gone). */
  leaderOf(key: string): number | undefined;
  /** The partition's earliest available offset (undefined: the partition is gone). */
  earliestOf(key: string): Promise<number | undefined>;
  fetchMaxBytes: number;
  /** Named in COULD_NOT_READ_OFFSET_RANGE, as Spark names its executor consumer group. */
  groupId: string;
  includeHeaders: boolean;
  /** Throws `error()` when failOnDataLoss is true, else logs `message`. */
  reportDataLoss(message: string, error: () => KafkaIllegalStateException): void;
}

function view(b: Buffer | null): Uint8Array | null {
  return b === null ? null : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** KafkaRecordToRowConverter: key, value, topic, partition, offset, timestamp (µs), timestampType[, headers]. */
export function kafkaRow(topic: string, partition: number, r: FetchedRecord, includeHeaders: boolean): unknown[] {
  const row: unknown[] = [view(r.key), view(r.value), topic, partition, BigInt(r.offset), BigInt(r.timestamp) * 1000n, r.timestampType];
  if (includeHeaders) row.push(r.headers.length === 0 ? null : r.headers.map(([k, v]) => [k, view(v)]));
  return row;
}

/** Appends the rows of [from, until) of one partition to `rows`, fetching until the range is complete. */
export async function readPartitionRange(ctx: RangeReadContext, key: string, from: number, until: number, rows: unknown[][]): Promise<void> {
  const [topic, partition] = splitTpKey(key);
  let next = from;
  while (next < until) {
    const leader = ctx.leaderOf(key);
    const result = leader === undefined ? ({ kind: 'unknownPartition' } as const) : await ctx.client.fetch({ topic, partition }, leader, next, ctx.fetchMaxBytes);
    if (result.kind === 'unknownPartition') {
      ctx.reportDataLoss(`${scalaSet([key])} are gone. Some data may have been missed.`, () => KafkaExceptions.partitionsDeleted([key]));
      return;
    }
    if (result.kind === 'records' && result.records.length === 0 && result.next > next) {
      // Only transaction markers (or, under read_committed, aborted records) in what was
      // fetched: offsets no reader gets, not data loss.
      next = result.next;
      continue;
    }
    if (result.kind === 'offsetOutOfRange' || result.records.length === 0) {
      // The records at `next` are gone (retention, DeleteRecords) or the log was truncated.
      const earliest = await ctx.earliestOf(key);
      const lost = () => KafkaExceptions.couldNotReadOffsetRange(next, until, key, ctx.groupId);
      if (earliest === undefined || earliest <= next) {
        ctx.reportDataLoss(`Cannot fetch records in [${next}, ${until}) of ${key}. Some data may have been missed`, lost);
        return;
      }
      ctx.reportDataLoss(`Cannot fetch offset ${next} of ${key}: the earliest available offset is ${earliest}. Some data may have been missed`, lost);
      next = earliest;
      continue;
    }
    for (const r of result.records) {
      if (r.offset >= until) return;
      rows.push(kafkaRow(topic, partition, r, ctx.includeHeaders));
      next = r.offset + 1;
    }
    // Markers or aborted records after the last record returned.
    if (result.next > next) next = result.next;
  }
}
