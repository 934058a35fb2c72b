// Aggregation operators. Groups come out in Spark's shuffle-partition order (murmur3 of the keys,
// pmod spark.sql.shuffle.partitions), then in first-seen order within a partition.
import type { Attribute, Expression } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { Aggregation, type Group } from './aggregation';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import type { StateStore } from '../state/state-store';

/** Batch aggregation over all input at once. */
export class HashAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;

  constructor(
    readonly output: readonly Attribute[],
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    private readonly child: PhysicalOperator,
    numPartitions: number,
    ctx: CompileContext,
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
  }

  execute(ctx: ExecutionContext): Row[] {
    const groups = this.aggregation.aggregate((consume) => pushRows(this.child, ctx, consume));
    // A global aggregate over no rows still returns one row (count = 0).
    if (groups.size === 0 && this.aggregation.groupingCount === 0) {
      return [this.aggregation.resultRow({ values: [], buffers: this.aggregation.newBuffers() })];
    }
    return orderByPartition([...groups.values()], this.aggregation).map((g) => this.aggregation.resultRow(g));
  }

  close(): void {
    this.child.close?.();
  }
}

function orderByPartition(groups: Group[], aggregation: Aggregation): Group[] {
  for (const g of groups) g.partition = aggregation.partitionOf(g.values);
  // Stable sort keeps first-seen order within a partition.
  return groups.sort((a, b) => a.partition - b.partition);
}

/**
 * A group in state, as ONE flat array so the state file stores no property names and the heap
 * holds one array per group: `[seq, ...groupingValues, ...aggregateBuffers]`, seq being the
 * first-insertion sequence (orders update-mode output like the store's iteration order).
 */
type StateEntry = unknown[];

/**
 * The state layout of earlier versions, `[values[], buffers[], seq]`, converted on load (its first
 * element is an array; a flat entry starts with its sequence number).
 */
function flatFromTuple(v: unknown[]): StateEntry {
  const [values, buffers, seq] = v as [unknown[], unknown[], number];
  return [seq, ...values, ...buffers];
}

/** Where the event time sits in the grouping key: `window` structs count by their end. */
export interface EventTimeKey {
  /** Index among the grouping expressions. */
  index: number;
  isWindow: boolean;
}

/**
 * The group's event time in micros (a window's end), as a double: exact below 2^53 micros.
 * `offset`: where the grouping values start in `values` (1 in a flat state entry).
 */
function eventTimeOf(values: readonly unknown[], key: EventTimeKey, offset = 0): number | null {
  let t = values[key.index + offset] as bigint | readonly unknown[] | null;
  if (key.isWindow && t !== null) t = (t as readonly unknown[])[1] as bigint | null;
  return t === null ? null : Number(t as bigint);
}

/** True when the group's event time is at or below `limitMicros` (Spark's `eventTime <= watermark`). */
function isBehind(values: readonly unknown[], key: EventTimeKey, limitMicros: number, offset = 0): boolean {
  const t = eventTimeOf(values, key, offset);
  return t !== null && t <= limitMicros;
}

/**
 * Streaming aggregation with state (Spark's StateStoreRestore + StateStoreSave): the batch is
 * aggregated locally, merged into the state of version N, committed as N+1, and emitted per
 * output mode: complete = every group; update = the groups this batch changed; append = the groups
 * the watermark has just passed (emitted once, then removed from state).
 *
 * With an event-time grouping key, groups at or behind the watermark are late: they are dropped
 * before touching state (counted in numRowsDroppedByWatermark), and in update/append mode state at
 * or behind the watermark is evicted. Complete mode keeps everything, as Spark does.
 */
export class StatefulAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;
  /** Next first-insertion sequence; undefined until read from the recovered state. */
  private nextSeq: number | undefined;
  /**
   * State keys by event time (micros), so eviction visits the expired windows only instead of
   * scanning all state. Built from the store on the first batch (after a restart too) and dropped
   * when a batch fails.
   */
  private byTime: Map<number, [partition: number, key: unknown][]> | undefined;

  constructor(
    readonly output: readonly Attribute[],
    groupingExpressions: readonly Expression[],
    aggregateExpressions: readonly Expression[],
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    ctx: CompileContext,
    private readonly eventTimeKey?: EventTimeKey,
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('stateful aggregation needs a state store provider');
    const mode = ctx.outputMode;
    const eventTimeKey = this.eventTimeKey;
    const watermarkMs = ctx.batchWatermarkMs ?? 0;
    const evictBelow = watermarkMs * 1000;
    const lateBelow = (ctx.lateEventsWatermarkMs ?? watermarkMs) * 1000;
    const indexed = eventTimeKey !== undefined && mode !== 'complete';
    // Spark filters late data in append and update mode only; complete mode keeps every group.
    const dropLate = eventTimeKey !== undefined && mode !== 'complete';
    const started = performance.now();
    const local = this.aggregation.aggregateFlat((consume) => pushRows(this.child, ctx, consume));
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    // After a restart, new groups continue the sequence of the groups already in state.
    if (this.nextSeq === undefined) {
      let next = 0;
      const byTime = new Map<number, [number, unknown][]>();
      stores.forEach((store, p) => {
        let earlier: [unknown, StateEntry][] | undefined;
        for (const [key, value] of store.iterator()) {
          let entry = value as StateEntry;
          if (Array.isArray(entry[0])) (earlier ??= []).push([key, (entry = flatFromTuple(entry))]);
          next = Math.max(next, (entry[0] as number) + 1);
          if (indexed) this.index(byTime, entry, p, key);
        }
        // State of the earlier layout is rewritten once, in place (the iteration order stays).
        if (earlier) for (const [key, entry] of earlier) store.put(key, entry);
      });
      this.nextSeq = next;
      this.byTime = indexed ? byTime : undefined;
    }
    const byTime = this.byTime;
    // Update mode emits the changed groups in store order; the other modes only count them.
    const updated: [entry: StateEntry, partition: number][] = [];
    let numUpdated = 0;
    const buffersAt = this.buffersAt;
    const rows: Row[] = [];
    let dropped = 0;
    let removed = 0;
    let updatesDone = started;
    let removalsDone = started;
    try {
      for (const [key, group] of local) {
        if (dropLate && isBehind(group, eventTimeKey, lateBelow, 1)) {
          dropped++;
          continue;
        }
        const partition = this.aggregation.partitionOf(group, 1);
        const store = stores[partition];
        const existing = store.get(key) as StateEntry | undefined;
        let entry: StateEntry;
        if (existing === undefined) {
          // The local group becomes the state entry.
          group[0] = this.nextSeq++;
          entry = group;
        } else {
          // Stores whose abort reloads let the entry change in place; others get a copy.
          entry = store.inPlaceUpdates === true ? existing : existing.slice();
          this.aggregation.mergeBuffersInto(entry, group, buffersAt);
        }
        store.put(key, entry);
        if (!existing && byTime) this.index(byTime, entry, partition, key);
        numUpdated++;
        if (mode === 'update') updated.push([entry, partition]);
      }
      updatesDone = performance.now();
      if (mode === 'complete') {
        for (const store of stores) for (const [, entry] of store.iterator()) rows.push(this.resultRow(entry as StateEntry));
      } else {
        if (mode === 'update') {
          updated.sort((a, b) => a[1] - b[1] || (a[0][0] as number) - (b[0][0] as number));
          for (const [entry] of updated) rows.push(this.resultRow(entry));
        }
        if (eventTimeKey !== undefined && byTime) {
          // Append emits exactly the groups leaving state; update only forgets them. Only the
          // expired event times are visited; within a partition, groups leave in store order
          // (first-insertion sequence), partitions in order, as a scan of the stores would.
          const evicted: StateEntry[][] = [];
          const evictedKeys: unknown[][] = [];
          for (const [time, keys] of byTime) {
            if (time > evictBelow) continue;
            byTime.delete(time);
            for (const [p, key] of keys) {
              const entry = stores[p].get(key) as StateEntry | undefined;
              if (entry === undefined) continue;
              (evicted[p] ??= []).push(entry);
              (evictedKeys[p] ??= []).push(key);
            }
          }
          for (let p = 0; p < evicted.length; p++) {
            const entries = evicted[p];
            if (!entries) continue;
            const keys = evictedKeys[p];
            const order = entries.map((_, i) => i).sort((a, b) => (entries[a][0] as number) - (entries[b][0] as number));
            for (const i of order) {
              if (mode === 'append') rows.push(this.resultRow(entries[i]));
              stores[p].remove(keys[i]);
            }
            removed += entries.length;
          }
        }
      }
      removalsDone = performance.now();
    } catch (e) {
      for (const s of stores) s.abort();
      this.nextSeq = undefined;
      this.byTime = undefined;
      throw e;
    }
    const commitStarted = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
    ctx.stateMetrics.push({
      operatorName: 'stateStoreSave',
      numRowsTotal: total,
      numRowsUpdated: numUpdated,
      numRowsRemoved: removed,
      allUpdatesTimeMs: Math.round(updatesDone - started),
      allRemovalsTimeMs: Math.round(removalsDone - updatesDone),
      commitTimeMs: Math.round(performance.now() - commitStarted),
      numShufflePartitions: this.numPartitions,
      numStateStoreInstances: this.numPartitions,
      numRowsDroppedByWatermark: dropped,
    });
    return rows;
  }

  /** Where the buffers start in a flat state entry. */
  private get buffersAt(): number {
    return 1 + this.aggregation.groupingCount;
  }

  private resultRow(entry: StateEntry): Row {
    return this.aggregation.resultRowFlat(entry, 1);
  }

  private index(byTime: Map<number, [number, unknown][]>, entry: StateEntry, partition: number, key: unknown): void {
    const t = eventTimeOf(entry, this.eventTimeKey!, 1);
    if (t === null) return;
    let keys = byTime.get(t);
    if (!keys) byTime.set(t, (keys = []));
    keys.push([partition, key]);
  }

  close(): void {
    this.child.close?.();
  }
}
