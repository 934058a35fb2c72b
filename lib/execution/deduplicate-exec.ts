// DISTINCT / dropDuplicates. On a batch: keeps the first row of each key, in input order. On a
// stream: Spark's StreamingDeduplicateExec (and StreamingDeduplicateWithinWatermarkExec), which
// remembers every key it has emitted in the state store.
import type { Attribute } from '../expressions/expression';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import type { EventTimeColumn } from './row-event-time';
import { DedupExpiryHeap } from './dedup-expiry-heap';
import { canonicalTime, timeNumber } from './event-time-buckets';
import { encodeCompositeKey } from '../util/group-key';
import { rowKeyFunction } from './row-key';
import { partitionIdFunction } from './hash-partitioning';
import { evictsByRange, type StateStore } from '../state/state-store';

export class DeduplicateExec implements PhysicalOperator {
  private readonly keyOf: (row: Row) => unknown;

  constructor(
    keys: readonly Attribute[],
    private readonly child: PhysicalOperator,
  ) {
    this.keyOf = rowKeyFunction(keys.map((k) => child.output.findIndex((a) => a.exprId === k.exprId)));
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const seen = new Set<unknown>();
    const out: Row[] = [];
    pushRows(this.child, ctx, (row) => {
      const k = this.keyOf(row);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(row);
      }
    });
    return out;
  }

  close(): void {
    this.child.close?.();
  }
}

/** The event-time column of the dedup input, when the query has a watermark. */
export interface DedupEventTime extends EventTimeColumn {
  /** Whether the column is one of the dedup keys (then keys are evicted by it). */
  inKeys: boolean;
  delayMs: number;
}

/**
 * Streaming dropDuplicates. Rows are shuffled by key into spark.sql.shuffle.partitions partitions
 * (so output comes partition by partition, in input order within one, as Spark's); a row whose key
 * is not in state is emitted and its key stored. With a watermark, rows at or behind it are dropped
 * first (numRowsDroppedByWatermark), and state is evicted:
 * - dropDuplicates with the event-time column among the keys: keys whose event time <= watermark;
 * - without it among the keys: never (state grows, as in Spark);
 * - dropDuplicatesWithinWatermark: a key expires at its first event time + delay.
 *
 * The stored value of a key is what eviction reads (its event time or its expiry, in micros). The
 * operator keeps the stored keys in a heap by that time across batches (DedupExpiryHeap), valid for
 * the store version `heapVersion`: eviction pops the expired keys instead of scanning all state. The
 * heap is rebuilt from the stores on a run's first batch, after a failed batch, or whenever the
 * batch reads another version than the one the heap was left at. Stores that evict by event time
 * themselves (lmdb: StateStore.removeUpTo) get each key's time at put and one range eviction per
 * partition instead, and the operator keeps no heap (state larger than memory stays off the heap).
 */
export class StreamingDeduplicateExec implements PhysicalOperator {
  private readonly keyOf: (values: readonly unknown[]) => unknown;
  private readonly partitionOf: (values: readonly unknown[]) => number;
  private readonly keyOrdinals: number[];
  /** Whether state is evicted by the watermark (then keys are kept in `heap`). */
  private readonly evicts: boolean;
  private heap: DedupExpiryHeap | undefined;
  private heapVersion = -1;

  constructor(
    keys: readonly Attribute[],
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    private readonly eventTime: DedupEventTime | undefined,
    private readonly withinWatermark: boolean,
  ) {
    this.keyOrdinals = keys.map((k) => child.output.findIndex((a) => a.exprId === k.exprId));
    this.keyOf = keyValuesFunction(this.keyOrdinals.length);
    this.partitionOf = partitionIdFunction(keys.map((k) => k.dataType), numPartitions);
    this.evicts = eventTime !== undefined && (withinWatermark || eventTime.inKeys);
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('streaming deduplication needs a state store provider');
    const et = this.eventTime;
    const watermarkMs = ctx.batchWatermarkMs ?? 0;
    const evictBelow = watermarkMs * 1000;
    // Micros as a number (exact: a watermark in ms times 1000 stays far below 2^53).
    const lateBelow = (ctx.lateEventsWatermarkMs ?? watermarkMs) * 1000;
    const delayMicros = et ? BigInt(et.delayMs) * 1000n : 0n;
    const started = performance.now();
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    const byPartition: Row[][] = stores.map(() => []);
    const ordinals = this.keyOrdinals;
    const width = ordinals.length;
    const values: unknown[] = new Array(width);
    const keyOf = this.keyOf;
    const partitionOf = this.partitionOf;
    const withinWatermark = this.withinWatermark;
    const timeOrdinal = et ? et.ordinal : -1;
    const timeIsWindow = et ? et.isWindow : false;
    const timeInKeys = et ? et.inKeys : false;
    let dropped = 0;
    let updated = 0;
    let removed = 0;
    let duplicates = 0;
    let updatesDone = started;
    try {
      // Stores that evict by event time in one range keep the keys' times themselves: no heap.
      const timed = this.evicts && evictsByRange(stores);
      const heap = this.evicts && !timed ? this.ensureHeap(stores, ctx.batchId) : undefined;
      pushRows(this.child, ctx, (row) => {
        let time: bigint | null = null;
        if (timeOrdinal >= 0) {
          const v = row[timeOrdinal] as bigint | readonly unknown[] | null;
          time = v === null ? null : timeIsWindow ? ((v as readonly unknown[])[1] as bigint | null) : (v as bigint);
          if (time !== null && time <= lateBelow) {
            dropped++;
            return;
          }
        }
        for (let i = 0; i < width; i++) values[i] = row[ordinals[i]];
        const key = keyOf(values);
        const partition = partitionOf(values);
        const store = stores[partition];
        if (store.get(key) !== undefined) {
          duplicates++;
          return;
        }
        // The value is what eviction reads: the expiry (within watermark) or the key's event time.
        const value = withinWatermark ? (time === null ? null : time + delayMicros) : timeInKeys ? time : true;
        if (timed) store.putWithEventTime!(key, value, timeNumber(canonicalTime(value)));
        else store.put(key, value);
        // A null time never expires (null <= watermark is not true): it is not in the heap.
        if (heap !== undefined && value !== null) heap.push(canonicalTime(value) as number | bigint, partition, key);
        updated++;
        byPartition[partition].push(row.slice());
      });
      updatesDone = performance.now();
      if (heap !== undefined) removed = heap.popDue(evictBelow, (partition, key) => stores[partition].remove(key));
      else if (timed) for (const store of stores) removed += store.removeUpTo!(evictBelow);
    } catch (e) {
      for (const s of stores) s.abort();
      this.heap = undefined;
      throw e;
    }
    const removalsDone = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
    this.heapVersion = ctx.batchId + 1;
    ctx.stateMetrics.push({
      operatorName: this.withinWatermark ? 'dedupeWithinWatermark' : 'dedupe',
      numRowsTotal: total,
      numRowsUpdated: updated,
      numRowsRemoved: removed,
      allUpdatesTimeMs: Math.round(updatesDone - started),
      allRemovalsTimeMs: Math.round(removalsDone - updatesDone),
      commitTimeMs: Math.round(performance.now() - removalsDone),
      numShufflePartitions: this.numPartitions,
      numStateStoreInstances: this.numPartitions,
      numRowsDroppedByWatermark: dropped,
      customMetrics: { numDroppedDuplicateRows: duplicates },
    });
    return byPartition.flat();
  }

  /** The heap of the stores' keys by expiry, rebuilt when it is not the one of this version. */
  private ensureHeap(stores: StateStore[], version: number): DedupExpiryHeap {
    if (this.heap !== undefined && this.heapVersion === version) return this.heap;
    this.heap = undefined;
    const heap = new DedupExpiryHeap();
    for (let p = 0; p < stores.length; p++) {
      for (const [key, value] of stores[p].iterator()) {
        // Values are bigint micros (or null, which never expires).
        if (typeof value === 'bigint' || typeof value === 'number') heap.push(canonicalTime(value) as number | bigint, p, key);
      }
    }
    this.heap = heap;
    return heap;
  }

  close(): void {
    this.child.close?.();
  }
}

/**
 * The state key of the key values: one value as itself (objects by their content encoding),
 * several by their composite encoding (as rowKeyFunction keys them).
 */
function keyValuesFunction(width: number): (values: readonly unknown[]) => unknown {
  if (width === 1) {
    return (values) => {
      const v = values[0];
      return v !== null && typeof v === 'object' ? encodeCompositeKey([v]) : v;
    };
  }
  return encodeCompositeKey;
}
