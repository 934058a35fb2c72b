// The broker's topics and partitions, with the checks a real broker makes when they are created,
// deleted or truncated. Shared by the wire handlers and the test-facing API.
import { PartitionLog } from './partition-log';
import { TransactionCoordinator } from './transaction-coordinator';

export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_TOPIC_EXCEPTION: 17,
  INVALID_REQUIRED_ACKS: 21,
  INVALID_PRODUCER_EPOCH: 47,
  INVALID_TXN_STATE: 48,
  INVALID_PRODUCER_ID_MAPPING: 49,
  UNSUPPORTED_SASL_MECHANISM: 33,
  ILLEGAL_SASL_STATE: 34,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_CONFIG: 40,
  SASL_AUTHENTICATION_FAILED: 58,
} as const;

export interface Topic {
  name: string;
  partitions: PartitionLog[];
  logAppendTime: boolean;
}

/** Topic configs the broker understands; others are rejected with INVALID_CONFIG as Kafka does. */
const KNOWN_CONFIGS = new Set(['message.timestamp.type', 'retention.ms', 'retention.bytes', 'cleanup.policy', 'segment.bytes', 'min.insync.replicas']);

export class BrokerState {
  readonly topics = new Map<string, Topic>();
  readonly transactions = new TransactionCoordinator(this);
  private appendListeners: (() => void)[] = [];

  /** Returns a Kafka error code (0 on success). */
  createTopic(name: string, numPartitions: number, replicationFactor: number, configs: Record<string, string | null>): number {
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(name) || name === '.' || name === '..') return ErrorCode.INVALID_TOPIC_EXCEPTION;
    if (this.topics.has(name)) return ErrorCode.TOPIC_ALREADY_EXISTS;
    const partitions = numPartitions === -1 ? 1 : numPartitions;
    if (partitions <= 0) return ErrorCode.INVALID_PARTITIONS;
    if (replicationFactor !== -1 && replicationFactor !== 1) return ErrorCode.INVALID_REPLICATION_FACTOR;
    for (const key of Object.keys(configs)) if (!KNOWN_CONFIGS.has(key)) return ErrorCode.INVALID_CONFIG;
    const type = configs['message.timestamp.type'] ?? 'CreateTime';
    if (type !== 'CreateTime' && type !== 'LogAppendTime') return ErrorCode.INVALID_CONFIG;
    const logAppendTime = type === 'LogAppendTime';
    this.topics.set(name, { name, logAppendTime, partitions: Array.from({ length: partitions }, () => new PartitionLog(logAppendTime)) });
    return ErrorCode.NONE;
  }

  deleteTopic(name: string): number {
    return this.topics.delete(name) ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** DeleteRecords: -1 means the high watermark. Returns [errorCode, low watermark]. */
  deleteRecords(topic: string, partition: number, offset: bigint): [number, bigint] {
    const log = this.partition(topic, partition);
    if (!log) return [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n];
    const target = offset === -1n ? log.highWatermark : offset;
    if (target < 0n || target > log.highWatermark) return [ErrorCode.OFFSET_OUT_OF_RANGE, -1n];
    log.deleteBefore(target);
    return [ErrorCode.NONE, log.logStartOffset];
  }

  notifyAppend(): void {
    const listeners = this.appendListeners;
    this.appendListeners = [];
    for (const l of listeners) l();
  }

  /** Resolves on the next append or after `ms` (Fetch's max wait). */
  waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.appendListeners = self.appendListeners.filter((l) => l !== done);
        resolve();
      }
      this.appendListeners.push(done);
    });
  }
}
