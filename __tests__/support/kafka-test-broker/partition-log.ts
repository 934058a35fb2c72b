// One partition's log: batches with assigned offsets, a log start offset that moves forward when
// records are deleted (retention / DeleteRecords), and a high watermark (single replica: the log end).
// Transactions: the first offset of each producer's open transaction (the last stable offset is
// the smallest of them), and the aborted transactions a read_committed fetch must be told about.
import { encodeRecordBatch, type KafkaHeader, type RecordBatch } from './record-batch';

export interface StoredBatch {
  batch: RecordBatch;
  /** Encoded once on append; fetches concatenate these. */
  bytes: Buffer;
  lastOffset: bigint;
}

export interface AppendRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: KafkaHeader[];
  timestamp?: bigint | number;
}

/** A transaction that ended in an abort marker: its records in [firstOffset, lastOffset] are dropped by read_committed readers. */
export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: bigint;
  lastOffset: bigint;
}

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  logStartOffset = 0n;
  logEndOffset = 0n;
  /** producer id -> first offset of its open transaction in this partition. */
  readonly openTransactions = new Map<bigint, bigint>();
  readonly abortedTransactions: AbortedTransaction[] = [];

  constructor(readonly logAppendTime: boolean) {}

  /** Assigns offsets (and the append time for LogAppendTime topics); returns the base offset. */
  append(batch: RecordBatch, now: bigint): bigint {
    const base = this.logEndOffset;
    const shift = base - batch.baseOffset;
    batch.baseOffset = base;
    for (const r of batch.records) r.offset += shift;
    if (this.logAppendTime) {
      batch.timestampType = 1;
      batch.maxTimestamp = now;
    } else {
      batch.timestampType = 0;
    }
    const lastOffset = batch.records.length === 0 ? base : batch.records[batch.records.length - 1].offset;
    this.batches.push({ batch, bytes: encodeRecordBatch(batch), lastOffset });
    this.logEndOffset = lastOffset + 1n;
    if (batch.transactional && !batch.control && !this.openTransactions.has(batch.producerId)) this.openTransactions.set(batch.producerId, base);
    return base;
  }

  /**
   * Ends `producerId`'s transaction in this partition with a control batch (COMMIT or ABORT
   * marker, as the transaction coordinator writes it); returns the marker's offset.
   */
  writeMarker(producerId: bigint, producerEpoch: number, commit: boolean, now: bigint): bigint {
    // ControlRecordType key: version 0, type (0 abort, 1 commit); value: version 0, coordinator epoch.
    const key = Buffer.alloc(4);
    key.writeInt16BE(0, 0);
    key.writeInt16BE(commit ? 1 : 0, 2);
    const value = Buffer.alloc(6);
    const offset = this.append(
      {
        baseOffset: 0n,
        partitionLeaderEpoch: 0,
        timestampType: 0,
        transactional: true,
        control: true,
        firstTimestamp: now,
        maxTimestamp: now,
        producerId,
        producerEpoch,
        baseSequence: -1,
        records: [{ offset: 0n, timestamp: now, key, value, headers: [] }],
      },
      now,
    );
    const first = this.openTransactions.get(producerId);
    this.openTransactions.delete(producerId);
    if (!commit && first !== undefined) this.abortedTransactions.push({ producerId, firstOffset: first, lastOffset: offset });
    return offset;
  }

  get highWatermark(): bigint {
    return this.logEndOffset;
  }

  /** The end of what read_committed readers see: the first offset of the oldest open transaction. */
  get lastStableOffset(): bigint {
    let lso = this.logEndOffset;
    for (const first of this.openTransactions.values()) if (first < lso) lso = first;
    return lso;
  }

  /** Moves the log start forward; whole batches below it are dropped, as segment deletion does. */
  deleteBefore(offset: bigint): void {
    if (offset <= this.logStartOffset) return;
    this.logStartOffset = offset;
    while (this.batches.length > 0 && this.batches[0].lastOffset < offset) this.batches.shift();
  }

  /** Batches from the one holding `offset` and starting before `limit`, at least one, then while under maxBytes. */
  read(offset: bigint, maxBytes: number, limit: bigint = this.logEndOffset): Buffer[] {
    const out: Buffer[] = [];
    let size = 0;
    for (const b of this.batches) {
      if (b.lastOffset < offset) continue;
      if (b.batch.baseOffset >= limit) break;
      if (out.length > 0 && size + b.bytes.length > maxBytes) break;
      out.push(b.bytes);
      size += b.bytes.length;
    }
    return out;
  }

  /** The effective timestamp of each record, as a consumer sees it. */
  *records(): Generator<{ offset: bigint; timestamp: bigint }> {
    for (const { batch } of this.batches) {
      for (const r of batch.records) {
        if (r.offset < this.logStartOffset) continue;
        yield { offset: r.offset, timestamp: batch.timestampType === 1 ? batch.maxTimestamp : r.timestamp };
      }
    }
  }
}
