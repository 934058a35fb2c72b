// The Kafka sink's exactly-once mode (a Rivulet extension; Spark's Kafka sink is at-least-once).
// One transactional producer per query: its transactional.id is `kafka.transactional.id` or one
// derived from the query id kept in the checkpoint, so every restart of the query is the same
// producer. A batch's records and the batch id (an offset commit of the consumer group named after
// the transactional id, on partition 0 of the batch's first topic) go into one transaction:
// read_committed readers see all of a batch or none of it, and the commit says which batches are
// in. On restart, InitProducerId fences the killed incarnation and Kafka aborts its open
// transaction (or finishes one whose commit had started); the batch being re-run is then skipped
// when its id is already committed.
import type { Admin, KafkaConfig, Message, Producer, Transaction } from 'kafkajs';
import { lazy } from '../../util/lazy';
import { newKafka } from './kafka-client';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajs = lazy(() => require('kafkajs') as typeof import('kafkajs'));

/** The offsets-commit metadata that marks a batch committed by this sink. */
const metadataOf = (batchId: number): string => `rivulet kafka sink batch ${batchId}`;

export class KafkaTransactionalWriter {
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private open: Transaction | undefined;
  /** Whether the batch ids this transactional id committed before this process were looked up. */
  private recovered = false;

  constructor(
    private readonly config: KafkaConfig,
    readonly transactionalId: string,
  ) {}

  /** Connects and fences earlier incarnations (their open transaction is aborted). */
  private async begin(): Promise<Transaction> {
    if (!this.producer) {
      const kafka = newKafka(this.config);
      const producer = kafka.producer({
        transactionalId: this.transactionalId,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: kafkajs().Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
      this.admin = kafka.admin();
      await this.admin.connect();
    }
    // The first transaction of a producer runs InitProducerId: a new epoch for the transactional id.
    this.open = await this.producer.transaction();
    return this.open;
  }

  /** The highest batch id committed through `topic` partition 0, -1 when none. */
  private async lastCommittedBatch(topic: string): Promise<number> {
    const topics = await retryCoordinatorErrors(() => this.admin!.fetchOffsets({ groupId: this.transactionalId, topics: [topic] }));
    let last = -1;
    for (const t of topics) {
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        if (p.partition === 0 && offset >= 0 && p.metadata === metadataOf(offset)) last = Math.max(last, offset);
      }
    }
    return last;
  }

  /**
   * Writes one batch in one transaction with its batch id; returns false, writing nothing, when an
   * earlier run of this query already committed the batch (killed before its checkpoint commit).
   */
  async write(batchId: number, topicMessages: { topic: string; messages: Message[] }[]): Promise<boolean> {
    const txn = await this.begin();
    try {
      // Only the first batch after a restart (a re-run) can have been committed already.
      const first = !this.recovered;
      this.recovered = true;
      if (topicMessages.length === 0) {
        await txn.abort();
        return true;
      }
      const markerTopic = topicMessages[0].topic;
      if (first) {
        if ((await this.lastCommittedBatch(markerTopic)) >= batchId) {
          await txn.abort();
          return false;
        }
      }
      await txn.sendBatch({ acks: -1, topicMessages });
      // kafkajs retries no stale-coordinator error of TxnOffsetCommit (its list names them wrongly).
      await retryCoordinatorErrors(() => txn.sendOffsets({ consumerGroupId: this.transactionalId, topics: [{ topic: markerTopic, partitions: [{ partition: 0, offset: String(batchId), metadata: metadataOf(batchId) } as { partition: number; offset: string }] }] }));
      await txn.commit();
      return true;
    } catch (e) {
      if (txn.isActive()) await txn.abort().catch(() => undefined);
      throw e;
    } finally {
      this.open = undefined;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    if (this.open?.isActive()) await this.open.abort().catch(() => undefined);
    await admin?.disconnect();
    await producer?.disconnect();
  }
}

/** Errors of a group coordinator that is moving or still loading its offsets (the first use of __consumer_offsets on a fresh cluster). */
const COORDINATOR_ERRORS = new Set(['NOT_COORDINATOR', 'NOT_COORDINATOR_FOR_GROUP', 'COORDINATOR_NOT_AVAILABLE', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS', 'GROUP_LOAD_IN_PROGRESS', 'UNSTABLE_OFFSET_COMMIT']);

/** Retries `call` while the group coordinator answers with a transient error (about 30 s at most). */
async function retryCoordinatorErrors<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const type = (e as { type?: string }).type;
      if (attempt >= 30 || type === undefined || !COORDINATOR_ERRORS.has(type)) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));
    }
  }
}
