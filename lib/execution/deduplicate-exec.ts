// DISTINCT / dropDuplicates. On a batch: keeps the first row of each key, in input order. On a
// stream: Spark's StreamingDeduplicateExec (and StreamingDeduplicateWithinWatermarkExec), which
// remembers every key it has emitted in the state store.
import type { Attribute } from '../expressions/expression';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { rowEventTime, type EventTimeColumn } from './row-event-time';
import { rowKeyFunction } from './row-key';
import { partitionIdFunction } from './hash-partitioning';
import type { StateStore } from '../state/state-store';

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
 */
export class StreamingDeduplicateExec implements PhysicalOperator {
  private readonly keyOf: (row: Row) => unknown;
  private readonly partitionOf: (values: readonly unknown[]) => number;
  private readonly keyOrdinals: number[];

  constructor(
    keys: readonly Attribute[],
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    private readonly eventTime: DedupEventTime | undefined,
    private readonly withinWatermark: boolean,
  ) {
    this.keyOrdinals = keys.map((k) => child.output.findIndex((a) => a.exprId === k.exprId));
    this.keyOf = rowKeyFunction(this.keyOrdinals);
    this.partitionOf = partitionIdFunction(keys.map((k) => k.dataType), numPartitions);
  }

  get output(): readonly Attribute[] {
    return this.child.output;
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('streaming deduplication needs a state store provider');
    const et = this.eventTime;
    const watermarkMs = ctx.batchWatermarkMs ?? 0;
    const evictBelow = BigInt(watermarkMs) * 1000n;
    const lateBelow = BigInt(ctx.lateEventsWatermarkMs ?? watermarkMs) * 1000n;
    const delayMicros = et ? BigInt(et.delayMs) * 1000n : 0n;
    const started = performance.now();
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    const byPartition: Row[][] = stores.map(() => []);
    const ordinals = this.keyOrdinals;
    let dropped = 0;
    let updated = 0;
    let removed = 0;
    let duplicates = 0;
    let updatesDone = started;
    try {
      pushRows(this.child, ctx, (row) => {
        let time: bigint | null = null;
        if (et) {
          time = rowEventTime(row, et);
          if (time !== null && time <= lateBelow) {
            dropped++;
            return;
          }
        }
        const key = this.keyOf(row);
        const partition = this.partitionOf(ordinals.map((o) => row[o]));
        const store = stores[partition];
        if (store.get(key) !== undefined) {
          duplicates++;
          return;
        }
        // The value is what eviction reads: the expiry (within watermark) or the key's event time.
        const value = this.withinWatermark ? (time === null ? null : time + delayMicros) : et?.inKeys ? time : true;
        store.put(key, value);
        updated++;
        byPartition[partition].push(row.slice());
      });
      updatesDone = performance.now();
      if (et && (this.withinWatermark || et.inKeys)) {
        for (const store of stores) {
          const evicted: unknown[] = [];
          for (const [key, value] of store.iterator()) {
            // A null event time never expires (null <= watermark is not true).
            if (typeof value === 'bigint' && value <= evictBelow) evicted.push(key);
          }
          for (const key of evicted) store.remove(key);
          removed += evicted.length;
        }
      }
    } catch (e) {
      for (const s of stores) s.abort();
      throw e;
    }
    const removalsDone = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
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

  close(): void {
    this.child.close?.();
  }
}
