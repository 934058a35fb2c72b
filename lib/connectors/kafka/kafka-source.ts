// Spark's Kafka micro-batch source (KafkaMicroBatchStream) on kafkajs: offsets per topic-partition
// live in the checkpoint (never in consumer groups), the initial offsets are written once to
// `<metadataPath>/0`, rate limits (maxOffsetsPerTrigger, minOffsetsPerTrigger + maxTriggerDelay)
// shape each batch's end, and getBatch reads exactly [start, end) per partition, ordered by
// Spark's partition order (spark-partition-order.ts), then offset. Data loss fails the query or is logged, per failOnDataLoss.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { missingLogFile } from '../../checkpoint/metadata-log';
import { IllegalArgumentException } from '../../errors/illegal-argument-exception';
import { DataTypes, ArrayType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { Logger } from '../../util/logger';
import type { Offset, ReadLimit, Source, SourceContext, SourceProvider } from '../source';
import { KafkaReadClient } from './kafka-client';
import { readPartitionRange } from './kafka-range-reader';
import { KafkaExceptions, scalaSet, type KafkaIllegalStateException } from './kafka-errors';
import {
  INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE,
  kafkaClientConfig,
  parseBoolean,
  parseLong,
  startingOffsets,
  subscriptionStrategy,
  timeStringAsMs,
  tpKey,
  validateStreamOptions,
  type StartingOffsets,
  type SubscriptionStrategy,
} from './kafka-options';
import { javaDoubleToString } from '../../types/pretty-value';
import { sparkPartitionOrder } from './spark-partition-order';
import { compareTpKeys, offsetsFromJson, offsetsToJson, readInitialOffsets, splitTpKey, writeInitialOffsets, type PartitionOffsets } from './kafka-offsets';

const log = new Logger('KafkaMicroBatchStream');

const HEADERS_TYPE = new ArrayType(new StructType([new StructField('key', DataTypes.StringType, true), new StructField('value', DataTypes.BinaryType, true)]), true);

/** KafkaRecordToRowConverter.kafkaSchema. */
export function kafkaSchema(includeHeaders: boolean): StructType {
  const fields = [
    new StructField('key', DataTypes.BinaryType, true),
    new StructField('value', DataTypes.BinaryType, true),
    new StructField('topic', DataTypes.StringType, true),
    new StructField('partition', DataTypes.IntegerType, true),
    new StructField('offset', DataTypes.LongType, true),
    new StructField('timestamp', DataTypes.TimestampType, true),
    new StructField('timestampType', DataTypes.IntegerType, true),
  ];
  if (includeHeaders) fields.push(new StructField('headers', HEADERS_TYPE, true));
  return new StructType(fields);
}

function strategyString(s: SubscriptionStrategy): string {
  if (s.kind === 'assign') return `Assign[${s.partitions.map((p) => tpKey(p.topic, p.partition)).join(', ')}]`;
  if (s.kind === 'subscribe') return `Subscribe[${s.topics.join(',')}]`;
  return `SubscribePattern[${s.pattern.source.slice(4, -2)}]`;
}

interface Limits {
  maxOffsets: number | undefined;
  minOffsets: number | undefined;
  maxTriggerDelayMs: number;
}

export class KafkaSource implements Source {
  readonly schema: StructType;
  readonly description: string;
  private readonly client: KafkaReadClient;
  private initialOffsets: PartitionOffsets | undefined;
  private committed: Offset | null = null;
  private reportedLatest: Offset | null = null;
  private lastTriggerMillis = 0;
  /** Partition leaders from the latest metadata, for fetches. */
  private leaders = new Map<string, number>();
  private readonly groupId = `spark-kafka-source-${randomUUID()}-executor`;

  constructor(
    private readonly strategy: SubscriptionStrategy,
    private readonly starting: StartingOffsets,
    private readonly failOnDataLoss: boolean,
    private readonly includeHeaders: boolean,
    private readonly limits: Limits,
    private readonly fetchMaxBytes: number,
    private readonly ctx: SourceContext,
    isolationLevel: number,
  ) {
    this.schema = kafkaSchema(includeHeaders);
    this.description = `KafkaV2[${strategyString(strategy)}]`;
    this.client = new KafkaReadClient(kafkaClientConfig(ctx.options), isolationLevel);
  }

  async initialize(): Promise<void> {
    await this.getOrCreateInitialOffsets();
  }

  private now(): number {
    return this.ctx.clock?.now() ?? Date.now();
  }

  /** The subscribed partitions that exist now, with their leaders. */
  private async assignedPartitions(): Promise<string[]> {
    const topics = await this.client.topics();
    this.leaders = new Map();
    for (const [topic, parts] of topics) for (const [p, leader] of parts) this.leaders.set(tpKey(topic, p), leader);
    const s = this.strategy;
    const keys: string[] = [];
    if (s.kind === 'assign') {
      for (const p of s.partitions) if (this.leaders.has(tpKey(p.topic, p.partition))) keys.push(tpKey(p.topic, p.partition));
    } else {
      for (const [topic, parts] of topics) {
        if (s.kind === 'subscribe' ? !s.topics.includes(topic) : !s.pattern.test(topic)) continue;
        for (const p of parts.keys()) keys.push(tpKey(topic, p));
      }
    }
    return keys.sort(compareTpKeys);
  }

  private async listOffsets(keys: string[], timestamp: (key: string) => number): Promise<PartitionOffsets> {
    const parts = keys
      .filter((k) => this.leaders.has(k))
      .map((k) => {
        const [topic, partition] = splitTpKey(k);
        return { topic, partition, timestamp: timestamp(k), leader: this.leaders.get(k)! };
      });
    return this.client.listOffsets(parts);
  }

  private async getOrCreateInitialOffsets(): Promise<PartitionOffsets> {
    if (this.initialOffsets) return this.initialOffsets;
    const metadataPath = this.ctx.metadataPath;
    const stored = metadataPath === undefined ? undefined : readInitialOffsets(metadataPath);
    if (stored) return (this.initialOffsets = stored);
    const offsets = await this.resolveStartingOffsets();
    if (metadataPath !== undefined) {
      writeInitialOffsets(metadataPath, offsets);
      this.createdInitialOffsetsFile = path.join(metadataPath, '0');
    }
    log.info(`Initial offsets: ${JSON.stringify(offsetsToJson(offsets))}`);
    return (this.initialOffsets = offsets);
  }

  private async resolveStartingOffsets(): Promise<PartitionOffsets> {
    const assigned = await this.assignedPartitions();
    const s = this.starting;
    switch (s.kind) {
      case 'earliest':
        return this.listOffsets(assigned, () => -2);
      case 'latest':
        return this.listOffsets(assigned, () => -1);
      case 'specific': {
        const specified = [...s.offsets.keys()].sort(compareTpKeys);
        if (specified.join('\u0000') !== assigned.join('\u0000')) throw KafkaExceptions.startOffsetDoesNotMatchAssigned(specified, assigned);
        const resolved = await this.listOffsets(
          specified.filter((k) => s.offsets.get(k)! < 0),
          (k) => s.offsets.get(k)!,
        );
        const out: PartitionOffsets = new Map();
        for (const k of specified) out.set(k, s.offsets.get(k)! >= 0 ? s.offsets.get(k)! : resolved.get(k)!);
        return out;
      }
      case 'globalTimestamp':
      case 'specificTimestamp': {
        const timestampOf = (k: string): number => (s.kind === 'globalTimestamp' ? s.timestamp : s.timestamps.get(k)!);
        const keys = s.kind === 'globalTimestamp' ? assigned : [...s.timestamps.keys()].sort(compareTpKeys);
        if (s.kind === 'specificTimestamp' && keys.join('\u0000') !== assigned.join('\u0000')) {
          throw KafkaExceptions.timestampOffsetDoesNotMatchAssigned('start', keys, assigned);
        }
        const found = await this.listOffsets(keys, timestampOf);
        const latest = await this.listOffsets(keys, () => -1);
        const out: PartitionOffsets = new Map();
        for (const k of keys) {
          const o = found.get(k);
          if (o !== undefined && o >= 0) out.set(k, o);
          else if (s.strategy === 'latest') out.set(k, latest.get(k)!);
          else {
            throw new IllegalArgumentException(
              `No offset matched from request of topic-partition ${k} and timestamp ${timestampOf(k)}.`,
            );
          }
        }
        return out;
      }
    }
  }

  /** The initial-offsets file this process wrote because it was not found, and the offsets it offered since. */
  private createdInitialOffsetsFile: string | undefined;
  private readonly offered = new Set<string>();

  /** Trigger.AvailableNow: the offsets that exist at start; later batches read up to them only, within the rate limits. */
  private availableNowLatest: PartitionOffsets | undefined;

  async prepareForTriggerAvailableNow(): Promise<void> {
    await this.getOrCreateInitialOffsets();
    this.availableNowLatest = await this.listOffsets(await this.assignedPartitions(), () => -1);
  }

  /** Records between `start` (the initial offsets before the first batch) and the offsets fixed at availableNow start. */
  availableNowRemaining(start: Offset | null): number | null {
    const latest = this.availableNowLatest;
    const from = start === null ? this.initialOffsets : offsetsFromJson(start);
    if (latest === undefined || from === undefined) return null;
    let n = 0;
    for (const [tp, end] of latest) {
      const begin = from.get(tp) ?? 0;
      if (begin < 0 || end < 0) return null;
      n += Math.max(0, end - begin);
    }
    return n;
  }

  reportLatestOffset(): Offset | null {
    return this.reportedLatest;
  }

  /**
   * Spark's KafkaMicroBatchStream.metrics: how far the batch's end is behind the latest offsets
   * fetched for it, per partition (min, max and average).
   */
  metrics(latestConsumedOffset: Offset | null): Record<string, string> {
    if (latestConsumedOffset === null || this.reportedLatest === null) return {};
    const consumed = offsetsFromJson(latestConsumedOffset);
    const behind: number[] = [];
    for (const [key, latest] of offsetsFromJson(this.reportedLatest)) {
      const end = consumed.get(key);
      if (end !== undefined) behind.push(latest - end);
    }
    if (behind.length === 0) return {};
    return {
      minOffsetsBehindLatest: String(Math.min(...behind)),
      maxOffsetsBehindLatest: String(Math.max(...behind)),
      avgOffsetsBehindLatest: javaDoubleToString(behind.reduce((a, b) => a + b, 0) / behind.length),
    };
  }

  async latestOffset(start?: Offset | null, limit: ReadLimit = 'default'): Promise<Offset | null> {
    const initial = await this.getOrCreateInitialOffsets();
    // The engine passes the previous batch's end (null before the first batch).
    const startJson = start === undefined ? this.committed : start;
    const from = startJson === null ? initial : offsetsFromJson(startJson);
    const latest = this.availableNowLatest ?? await this.listOffsets(await this.assignedPartitions(), () => -1);
    this.reportedLatest = latest.size === 0 ? null : offsetsToJson(latest);
    let offsets = latest;
    const { minOffsets, maxOffsets, maxTriggerDelayMs } = this.limits;
    if (limit === 'allAvailable') offsets = latest; // Trigger.Once ignores the rate limits
    else if (minOffsets !== undefined && this.delayBatch(minOffsets, latest, from, maxTriggerDelayMs)) offsets = from;
    else if (maxOffsets !== undefined) offsets = await this.rateLimit(maxOffsets, from, latest);
    // Every partition gone (the only topic deleted): an empty offset, so the batch reports the
    // loss (Spark's KafkaSourceOffset of an empty map), instead of idling silently (issue 15).
    if (offsets.size === 0 && from.size === 0) return null;
    const json = offsetsToJson(offsets);
    if (this.createdInitialOffsetsFile !== undefined) this.offered.add(JSON.stringify(json));
    return json;
  }

  /** minOffsetsPerTrigger: skip the trigger until enough records or maxTriggerDelay has passed. */
  private delayBatch(minLimit: number, latest: PartitionOffsets, current: PartitionOffsets, maxDelayMs: number): boolean {
    const now = this.now();
    if (now - this.lastTriggerMillis >= maxDelayMs) {
      this.lastTriggerMillis = now;
      return false;
    }
    let newRecords = 0;
    for (const [k, o] of latest) newRecords += o - (current.get(k) ?? 0);
    if (newRecords < minLimit) return true;
    this.lastTriggerMillis = now;
    return false;
  }

  /** maxOffsetsPerTrigger split over partitions in proportion to their backlog (Spark's rateLimit). */
  private async rateLimit(limit: number, from: PartitionOffsets, until: PartitionOffsets): Promise<PartitionOffsets> {
    const newKeys = [...until.keys()].filter((k) => !from.has(k));
    const fromNew = newKeys.length > 0 ? await this.listOffsets(newKeys, () => -2) : new Map<string, number>();
    const sizes = new Map<string, number>();
    for (const [k, end] of until) {
      const begin = from.get(k) ?? fromNew.get(k);
      if (begin !== undefined && end - begin > 0) sizes.set(k, end - begin);
    }
    let total = 0;
    for (const s of sizes.values()) total += s;
    if (total < 1) return until;
    const out: PartitionOffsets = new Map();
    for (const [k, end] of until) {
      const size = sizes.get(k);
      if (size === undefined) {
        out.set(k, end);
        continue;
      }
      const begin = from.get(k) ?? fromNew.get(k)!;
      const prorate = limit * (size / total);
      // Small partitions are never starved completely.
      const step = prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate);
      out.set(k, Math.min(end, begin + step));
    }
    return out;
  }

  private reportDataLoss(message: string, error: () => KafkaIllegalStateException): void {
    if (this.failOnDataLoss) throw error();
    log.warn(`${message}. ${INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE}`);
  }

  async getBatch(start: Offset | null, end: Offset): Promise<unknown[][]> {
    const initial = await this.getOrCreateInitialOffsets();
    // The first batch, logged by an earlier run whose initial offsets file is gone: resolving
    // startingOffsets again (latest, or after retention) would read another range (issue 15).
    if (start === null && this.createdInitialOffsetsFile !== undefined && !this.offered.has(JSON.stringify(offsetsToJson(offsetsFromJson(end))))) {
      throw missingLogFile(this.createdInitialOffsetsFile, 'batch 0 is logged in the offsets log, but the initial offsets it started from are gone');
    }
    const from = start === null ? initial : offsetsFromJson(start);
    const until = offsetsFromJson(end);
    await this.assignedPartitions(); // fresh leaders
    const newKeys = [...until.keys()].filter((k) => !from.has(k));
    const newStarts = newKeys.length > 0 ? await this.listOffsets(newKeys, () => -2) : new Map<string, number>();
    const missing = newKeys.filter((k) => !newStarts.has(k));
    if (missing.length > 0) {
      this.reportDataLoss(`Cannot find earliest offsets of ${scalaSet(missing)}. Some data may have been missed`, () => KafkaExceptions.initialOffsetNotFoundForPartitions(missing));
    }
    for (const [k, o] of newStarts) {
      if (o !== 0) this.reportDataLoss(`Added partition ${k} starts from ${o} instead of 0. Some data may have been missed`, () => KafkaExceptions.addedPartitionDoesNotStartFromZero(k, o));
    }
    const deleted = [...from.keys()].filter((k) => !until.has(k)).sort(compareTpKeys);
    if (deleted.length > 0) this.reportDataLoss(`${scalaSet(deleted)} are gone. Some data may have been missed.`, () => KafkaExceptions.partitionsDeleted(deleted));

    const rows: unknown[][] = [];
    // Spark's order of the batch's topic-partitions (its end-offset map's iteration order).
    for (const k of sparkPartitionOrder([...until.keys()])) {
      const fromOffset = from.get(k) ?? newStarts.get(k);
      if (fromOffset === undefined) continue;
      const untilOffset = until.get(k)!;
      if (untilOffset < fromOffset) {
        this.reportDataLoss(`Partition ${k}'s offset was changed from ${fromOffset} to ${untilOffset}, some data may have been missed`, () =>
          KafkaExceptions.partitionOffsetChanged(k, fromOffset, untilOffset),
        );
        continue;
      }
      if (untilOffset > fromOffset) await this.readRange(k, fromOffset, untilOffset, rows);
    }
    return rows;
  }

  private async readRange(key: string, from: number, until: number, rows: unknown[][]): Promise<void> {
    await readPartitionRange(
      {
        client: this.client,
        leaderOf: (k) => this.leaders.get(k),
        earliestOf: async (k) => (await this.listOffsets([k], () => -2)).get(k),
        fetchMaxBytes: this.fetchMaxBytes,
        groupId: this.groupId,
        includeHeaders: this.includeHeaders,
        reportDataLoss: (message, error) => this.reportDataLoss(message, error),
      },
      key,
      from,
      until,
      rows,
    );
  }

  commit(end: Offset): void {
    // Nothing goes back to Kafka: progress lives in the checkpoint only.
    this.committed = end;
  }

  async stop(): Promise<void> {
    await this.client.close();
  }
}

function optionalLong(ctx: SourceContext, name: string): number | undefined {
  const v = ctx.options.get(name);
  return v === undefined ? undefined : parseLong(v.trim());
}

export const kafkaSourceProvider: SourceProvider = {
  shortName: 'kafka',
  sourceSchema(ctx) {
    validateStreamOptions(ctx.options);
    if (ctx.userSchema !== undefined) throw new IllegalArgumentException('requirement failed: Kafka source has a fixed schema and cannot be set with a custom one');
    return kafkaSchema(parseBoolean('includeHeaders', ctx.options.get('includeHeaders'), false));
  },
  createSource(ctx) {
    validateStreamOptions(ctx.options);
    const isolation = (ctx.options.get('kafka.isolation.level') ?? 'read_uncommitted').toLowerCase();
    return new KafkaSource(
      subscriptionStrategy(ctx.options),
      startingOffsets(ctx.options),
      parseBoolean('failOnDataLoss', ctx.options.get('failOnDataLoss'), true),
      parseBoolean('includeHeaders', ctx.options.get('includeHeaders'), false),
      {
        maxOffsets: optionalLong(ctx, 'maxOffsetsPerTrigger'),
        minOffsets: optionalLong(ctx, 'minOffsetsPerTrigger'),
        maxTriggerDelayMs: timeStringAsMs(ctx.options.get('maxTriggerDelay') ?? '15m'),
      },
      optionalLong(ctx, 'kafka.max.partition.fetch.bytes') ?? 1048576,
      ctx,
      isolation === 'read_committed' ? 1 : 0,
    );
  },
};
