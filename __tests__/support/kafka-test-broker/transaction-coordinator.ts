// The transaction and group coordinators of a single-node broker, as far as a transactional
// producer needs them: InitProducerId (a new epoch fences the previous incarnation and aborts its
// open transaction), AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit (offsets held until the
// transaction ends), EndTxn (COMMIT/ABORT markers written to every partition of the transaction,
// offsets made visible on commit), and the committed offsets OffsetFetch reads.
import type { BrokerState } from './broker-state';
import { ErrorCode } from './broker-state';

export interface CommittedOffset {
  offset: bigint;
  metadata: string | null;
}

interface TransactionState {
  producerId: bigint;
  epoch: number;
  /** "topic\u0000partition" of the partitions added to the open transaction. */
  partitions: Set<string>;
  /** group -> "topic\u0000partition" -> offset, committed when the transaction commits. */
  pendingOffsets: Map<string, Map<string, CommittedOffset>>;
  groups: Set<string>;
}

const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

export class TransactionCoordinator {
  private nextProducerId = 1000n;
  private readonly transactions = new Map<string, TransactionState>();
  /** group -> "topic\u0000partition" -> committed offset. */
  readonly groupOffsets = new Map<string, Map<string, CommittedOffset>>();
  /** producer id -> its current epoch (a batch of an older epoch is fenced). */
  private readonly epochs = new Map<bigint, number>();

  constructor(private readonly state: BrokerState) {}

  initProducerId(transactionalId: string | null, now: bigint): { error: number; producerId: bigint; epoch: number } {
    if (transactionalId === null) {
      const producerId = this.nextProducerId++;
      this.epochs.set(producerId, 0);
      return { error: ErrorCode.NONE, producerId, epoch: 0 };
    }
    const existing = this.transactions.get(transactionalId);
    if (!existing) {
      const producerId = this.nextProducerId++;
      this.transactions.set(transactionalId, { producerId, epoch: 0, partitions: new Set(), pendingOffsets: new Map(), groups: new Set() });
      this.epochs.set(producerId, 0);
      return { error: ErrorCode.NONE, producerId, epoch: 0 };
    }
    // A new incarnation: the open transaction of the previous one is aborted, its epoch fenced.
    this.end(existing, false, now);
    existing.epoch++;
    this.epochs.set(existing.producerId, existing.epoch);
    return { error: ErrorCode.NONE, producerId: existing.producerId, epoch: existing.epoch };
  }

  private check(transactionalId: string, producerId: bigint, epoch: number): TransactionState | number {
    const t = this.transactions.get(transactionalId);
    if (!t || t.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (t.epoch !== epoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    return t;
  }

  addPartitions(transactionalId: string, producerId: bigint, epoch: number, topic: string, partition: number): number {
    const t = this.check(transactionalId, producerId, epoch);
    if (typeof t === 'number') return t;
    if (!this.state.partition(topic, partition)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    t.partitions.add(tpKey(topic, partition));
    return ErrorCode.NONE;
  }

  addOffsets(transactionalId: string, producerId: bigint, epoch: number, group: string): number {
    const t = this.check(transactionalId, producerId, epoch);
    if (typeof t === 'number') return t;
    t.groups.add(group);
    return ErrorCode.NONE;
  }

  txnOffsetCommit(transactionalId: string, group: string, producerId: bigint, epoch: number, topic: string, partition: number, offset: CommittedOffset): number {
    const t = this.check(transactionalId, producerId, epoch);
    if (typeof t === 'number') return t;
    if (!t.groups.has(group)) return ErrorCode.INVALID_TXN_STATE;
    if (!this.state.partition(topic, partition)) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    let pending = t.pendingOffsets.get(group);
    if (!pending) t.pendingOffsets.set(group, (pending = new Map()));
    pending.set(tpKey(topic, partition), offset);
    return ErrorCode.NONE;
  }

  endTxn(transactionalId: string, producerId: bigint, epoch: number, commit: boolean, now: bigint): number {
    const t = this.check(transactionalId, producerId, epoch);
    if (typeof t === 'number') return t;
    this.end(t, commit, now);
    return ErrorCode.NONE;
  }

  /** A produced transactional batch of an epoch older than the producer's current one is fenced. */
  fenced(producerId: bigint, epoch: number): boolean {
    const current = this.epochs.get(producerId);
    return current !== undefined && epoch < current;
  }

  committed(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groupOffsets.get(group)?.get(tpKey(topic, partition));
  }

  private end(t: TransactionState, commit: boolean, now: bigint): void {
    for (const key of t.partitions) {
      const [topic, partition] = key.split('\u0000');
      this.state.partition(topic, Number(partition))?.writeMarker(t.producerId, t.epoch, commit, now);
    }
    if (commit) {
      for (const [group, offsets] of t.pendingOffsets) {
        let stored = this.groupOffsets.get(group);
        if (!stored) this.groupOffsets.set(group, (stored = new Map()));
        for (const [k, v] of offsets) stored.set(k, v);
      }
    }
    if (t.partitions.size > 0) this.state.notifyAppend();
    t.partitions.clear();
    t.pendingOffsets.clear();
    t.groups.clear();
  }
}
