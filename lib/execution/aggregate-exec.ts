// Aggregation operators. Groups come out in Spark's shuffle-partition order (murmur3 of the keys,
// pmod spark.sql.shuffle.partitions), then in first-seen order within a partition.
import { forEachExpression, type Attribute, type Expression } from '../expressions/expression';
import type { CompileContext } from '../expressions/function-definition';
import { Aggregation, type Group } from './aggregation';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { evictsByRange, putUpdatedInPlace, type StateStore } from '../state/state-store';
import { InternalError } from '../errors/spark-exception';
import { GenerateExec } from './basic-operators';
import { partitionIdAfterFirstKey } from './hash-partitioning';
import { SlidingWindows } from '../expressions/functions/sliding-windows';
import type { TimeWindowInput } from './time-window-input';
import { canonicalTime, EventTimeBuckets, isAtOrBelow, restKeyFunction, timeNumber, type EventTime, type EventTimeKeyShape, type TimeBucket } from './event-time-buckets';

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
    /**
     * The child's rows per input partition (aggregate-input-partitions.ts): each partition is
     * aggregated alone and the partial results merged in partition order, as Spark's partial and
     * final aggregation. Undefined: all input at once.
     */
    private readonly inputPartitions?: (execute: () => Row[]) => Row[][],
  ) {
    this.aggregation = new Aggregation(groupingExpressions, aggregateExpressions, child.output, numPartitions, ctx);
  }

  /** Groups of the input partitions, each group's buffers merged across them (first-seen order kept). */
  private aggregatePartitions(ctx: ExecutionContext, inputPartitions: (execute: () => Row[]) => Row[][]): Map<unknown, Group> {
    const merged = new Map<unknown, Group>();
    for (const rows of inputPartitions(() => this.child.execute(ctx))) {
      const partial = this.aggregation.aggregate((consume) => {
        for (let i = 0; i < rows.length; i++) consume(rows[i]);
      });
      for (const [key, group] of partial) {
        const earlier = merged.get(key);
        if (earlier === undefined) merged.set(key, group);
        else earlier.buffers = this.aggregation.mergeBuffers(earlier.buffers, group.buffers);
      }
    }
    return merged;
  }

  execute(ctx: ExecutionContext): Row[] {
    const groups = this.inputPartitions ? this.aggregatePartitions(ctx, this.inputPartitions) : this.aggregation.aggregate((consume) => pushRows(this.child, ctx, consume));
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
 * Streaming aggregation with state (Spark's StateStoreRestore + StateStoreSave): the batch is
 * aggregated locally, merged into the state of version N, committed as N+1, and emitted per
 * output mode: complete = every group; update = the groups this batch changed; append = the groups
 * the watermark has just passed (emitted once, then removed from state).
 *
 * With an event-time grouping key, groups at or behind the watermark are late: they are dropped
 * before touching state (counted in numRowsDroppedByWatermark), and in update/append mode state at
 * or behind the watermark is evicted. Complete mode keeps everything, as Spark does.
 *
 * State layout: a group is one flat entry `[seq, ...grouping values, ...buffers]` (seq = first
 * insertion sequence, which orders update-mode output like the store's iteration order). Without
 * an event-time key the store key is the grouping key (one value as itself, several encoded).
 * With one, the store key is the entry's seq and the operator keeps the entries in memory by event
 * time (EventTimeBuckets, rebuilt from the store on a run's first batch): a group is found by its
 * window and the rest of its key, and eviction takes whole expired windows.
 */
export class StatefulAggregateExec implements PhysicalOperator {
  private readonly aggregation: Aggregation;
  /** Next first-insertion sequence; undefined until read from the recovered state. */
  private nextSeq: number | undefined;
  /** The state by event time (event-time keys only), valid for the store version `indexVersion`. */
  private index: EventTimeBuckets<StateEntry> | undefined;
  private indexVersion = -1;
  private readonly shape: EventTimeKeyShape | undefined;
  private readonly restKey: ((values: readonly unknown[], offset: number) => unknown) | undefined;
  /** Set when the child generates the windows: the rows are aggregated into their windows directly. */
  private readonly windowInput: TimeWindowInput | undefined;
  private readonly windows: SlidingWindows | undefined;
  /** With the window as first grouping key: partition ids from the window's hash, kept per bucket. */
  private readonly partitionAfterWindow: ReturnType<typeof partitionIdAfterFirstKey> | undefined;

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
    if (eventTimeKey) {
      this.shape = { index: eventTimeKey.index, isWindow: eventTimeKey.isWindow, width: groupingExpressions.length };
      this.restKey = restKeyFunction(this.shape);
      if (eventTimeKey.index === 0 && eventTimeKey.isWindow) this.partitionAfterWindow = partitionIdAfterFirstKey(groupingExpressions.map((g) => g.dataType), numPartitions);
      const input = child instanceof GenerateExec ? child.timeWindowInput : undefined;
      if (input && eventTimeKey.isWindow && takesWindowsPerRow(input, groupingExpressions, aggregateExpressions, eventTimeKey.index)) {
        this.windowInput = input;
        this.windows = new SlidingWindows(input.size, input.slide, input.start);
      }
    }
  }

  execute(ctx: ExecutionContext): Row[] {
    const provider = ctx.stateProvider;
    if (!provider) throw new Error('stateful aggregation needs a state store provider');
    const started = performance.now();
    const stores: StateStore[] = [];
    for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
    const m: BatchMetrics = { updated: 0, removed: 0, dropped: 0, updatesDone: started, removalsDone: started };
    let rows: Row[];
    try {
      rows = this.shape ? this.executeByEventTime(ctx, stores, m) : this.executeByKey(ctx, stores, m);
    } catch (e) {
      for (const s of stores) s.abort();
      this.nextSeq = undefined;
      this.index = undefined;
      throw e;
    }
    const commitStarted = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
    this.indexVersion = ctx.batchId + 1;
    ctx.stateMetrics.push({
      operatorName: 'stateStoreSave',
      numRowsTotal: total,
      numRowsUpdated: m.updated,
      numRowsRemoved: m.removed,
      allUpdatesTimeMs: Math.round(m.updatesDone - started),
      allRemovalsTimeMs: Math.round(m.removalsDone - m.updatesDone),
      commitTimeMs: Math.round(performance.now() - commitStarted),
      numShufflePartitions: this.numPartitions,
      numStateStoreInstances: this.numPartitions,
      numRowsDroppedByWatermark: m.dropped,
    });
    return rows;
  }

  /** Groups keyed by their grouping values (no event-time key). */
  private executeByKey(ctx: ExecutionContext, stores: StateStore[], m: BatchMetrics): Row[] {
    const mode = ctx.outputMode;
    const local = this.aggregation.aggregateFlat((consume) => pushRows(this.child, ctx, consume));
    // After a restart, new groups continue the sequence of the groups already in state.
    if (this.nextSeq === undefined) {
      let next = 0;
      for (const store of stores) {
        let earlier: [unknown, StateEntry][] | undefined;
        for (const [key, value] of store.iterator()) {
          let entry = value as StateEntry;
          if (Array.isArray(entry[0])) (earlier ??= []).push([key, (entry = flatFromTuple(entry))]);
          next = Math.max(next, (entry[0] as number) + 1);
        }
        // State of the earlier layout is rewritten once, in place (the iteration order stays).
        if (earlier) for (const [key, entry] of earlier) store.put(key, entry);
      }
      this.nextSeq = next;
    }
    // Update mode emits the changed groups in store order; the other modes only count them.
    const updated: [entry: StateEntry, partition: number][] = [];
    const buffersAt = this.buffersAt;
    const rows: Row[] = [];
    for (const [key, group] of local) {
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
      m.updated++;
      if (mode === 'update') updated.push([entry, partition]);
    }
    m.updatesDone = performance.now();
    if (mode === 'complete') {
      for (const store of stores) for (const [, entry] of store.iterator()) rows.push(this.resultRow(entry as StateEntry));
    } else if (mode === 'update') {
      this.emitUpdated(updated, rows);
    }
    m.removalsDone = performance.now();
    return rows;
  }

  /**
   * Groups with an event-time key: the store key is the entry's seq, the operator finds entries
   * through its buckets by event time.
   */
  private executeByEventTime(ctx: ExecutionContext, stores: StateStore[], m: BatchMetrics): Row[] {
    const mode = ctx.outputMode;
    const shape = this.shape!;
    const restKey = this.restKey!;
    const watermarkMs = ctx.batchWatermarkMs ?? 0;
    const evictBelow = watermarkMs * 1000;
    const lateBelow = (ctx.lateEventsWatermarkMs ?? watermarkMs) * 1000;
    // Spark filters late data in append and update mode only; complete mode keeps every group.
    const dropLate = mode !== 'complete';
    const windowInput = this.windowInput;
    const local = windowInput
      ? this.aggregation.aggregateByWindows((consume) => pushRows(windowInput.child, ctx, consume), windowInput.time, this.windows!, shape, restKey)
      : this.aggregation.aggregateByEventTime((consume) => pushRows(this.child, ctx, consume), shape, restKey);
    if (this.index === undefined || this.indexVersion !== ctx.batchId) this.loadIndex(stores);
    const index = this.index!;
    const inPlace = stores.length > 0 && stores[0].inPlaceUpdates === true;
    const timed = evictsByRange(stores);
    const updated: [entry: StateEntry, partition: number][] = [];
    const buffersAt = this.buffersAt;
    const rows: Row[] = [];
    const { entries, buckets, keys } = local;
    for (let i = 0; i < entries.length; i++) {
      const bucket = buckets[i];
      if (dropLate && isAtOrBelow(bucket.time, lateBelow)) {
        m.dropped++;
        continue;
      }
      const group = entries[i];
      const key = keys[i];
      const target = (bucket.state ??= index.bucket(bucket.time, bucket.start)) as TimeBucket<StateEntry>;
      const existing = target.groups.get(key);
      const partition = this.partitionOfEntry(target, group);
      let entry: StateEntry;
      if (existing === undefined) {
        group[0] = this.nextSeq!++;
        entry = group;
        target.groups.set(key, entry);
      } else if (inPlace) {
        entry = existing;
        this.aggregation.mergeBuffersInto(entry, group, buffersAt);
      } else {
        // The store's abort restores the value it holds: change a copy (once per group and batch).
        entry = existing.slice();
        this.aggregation.mergeBuffersInto(entry, group, buffersAt);
        target.groups.set(key, entry);
      }
      const store = stores[partition];
      // A store evicting by range keeps each key's time with it: it is put with its window's.
      if (timed) store.putWithEventTime!(entry[0], entry, timeNumber(bucket.time));
      else if (entry === existing) putUpdatedInPlace(store, entry[0], entry);
      else store.put(entry[0], entry);
      m.updated++;
      if (mode === 'update') updated.push([entry, partition]);
    }
    m.updatesDone = performance.now();
    if (mode === 'complete') {
      for (const store of stores) for (const [, entry] of store.iterator()) rows.push(this.resultRow(entry as StateEntry));
    } else {
      if (mode === 'update') this.emitUpdated(updated, rows);
      // Append emits exactly the groups leaving state; update only forgets them. Whole expired
      // windows leave; within a partition groups leave in store order (first-insertion sequence),
      // partitions in order, as a scan of the stores would.
      const evicted: StateEntry[][] = [];
      for (const [time, first] of index.byTime) {
        if (!isAtOrBelow(time, evictBelow)) continue;
        index.byTime.delete(time);
        for (let b: TimeBucket<StateEntry> | undefined = first; b !== undefined; b = b.next) {
          for (const entry of b.groups.values()) (evicted[this.partitionOfEntry(b, entry)] ??= []).push(entry);
        }
      }
      for (let p = 0; p < evicted.length; p++) {
        const list = evicted[p];
        if (!list) continue;
        list.sort(bySeq);
        const store = stores[p];
        if (mode === 'append') for (let i = 0; i < list.length; i++) rows.push(this.resultRow(list[i]));
        if (timed) {
          // One range deletion in the store (its keys carry their window's time), not a removal per group.
          const removed = store.removeUpTo!(evictBelow);
          if (removed !== list.length) throw new InternalError(`Streaming aggregation ${this.operatorId}, partition ${p}: the state store evicted ${removed} groups where the operator's index expired ${list.length}.`);
        } else {
          for (let i = 0; i < list.length; i++) store.remove(list[i][0]);
        }
        m.removed += list.length;
      }
    }
    m.removalsDone = performance.now();
    return rows;
  }

  /**
   * Builds the buckets from the stores (a run's first batch). State written with the grouping key
   * as store key (earlier versions) is re-keyed by seq in place, keeping each partition's order.
   */
  private loadIndex(stores: StateStore[]): void {
    const shape = this.shape!;
    const restKey = this.restKey!;
    const index = new EventTimeBuckets<StateEntry>(shape.isWindow);
    let next = 0;
    for (const store of stores) {
      let earlier: [unknown, StateEntry][] | undefined;
      for (const [key, value] of store.iterator()) {
        let entry = value as StateEntry;
        if (Array.isArray(entry[0])) entry = flatFromTuple(entry);
        if (typeof key !== 'number') (earlier ??= []).push([key, entry]);
        next = Math.max(next, (entry[0] as number) + 1);
        const t = entry[1 + shape.index];
        const bucket = shape.isWindow && t !== null ? index.bucket(this.entryTime(entry), canonicalTime((t as unknown[])[0])) : index.bucket(this.entryTime(entry), null);
        bucket.groups.set(restKey(entry, 1), entry);
      }
      if (earlier) {
        const timed = evictsByRange(stores);
        for (const [key] of earlier) store.remove(key);
        for (const [, entry] of earlier) {
          if (timed) store.putWithEventTime!(entry[0], entry, timeNumber(this.entryTime(entry)));
          else store.put(entry[0], entry);
        }
      }
    }
    this.index = index;
    this.nextSeq = Math.max(this.nextSeq ?? 0, next);
  }

  /**
   * The shuffle partition of a group `[seq, grouping values..., ...]` of a bucket: with the window
   * leading the key, from the window's hash kept on the bucket.
   */
  private partitionOfEntry(bucket: TimeBucket<StateEntry>, entry: StateEntry): number {
    const byWindow = this.partitionAfterWindow;
    if (byWindow === undefined) return this.aggregation.partitionOf(entry, 1);
    return byWindow.rest((bucket.hashSeed ??= byWindow.first(entry[1])), entry, 1);
  }

  /** A state entry's event time: its window's end, or its timestamp. */
  private entryTime(entry: StateEntry): EventTime {
    const t = entry[1 + this.shape!.index];
    return canonicalTime(this.shape!.isWindow && t !== null ? (t as unknown[])[1] : t);
  }

  /** Update mode: the changed groups by partition, then first-insertion sequence. */
  private emitUpdated(updated: [StateEntry, number][], rows: Row[]): void {
    updated.sort((a, b) => a[1] - b[1] || (a[0][0] as number) - (b[0][0] as number));
    for (const [entry] of updated) rows.push(this.resultRow(entry));
  }

  /** Where the buffers start in a flat state entry. */
  private get buffersAt(): number {
    return 1 + this.aggregation.groupingCount;
  }

  private resultRow(entry: StateEntry): Row {
    return this.aggregation.resultRowFlat(entry, 1);
  }

  close(): void {
    this.child.close?.();
  }
}

interface BatchMetrics {
  updated: number;
  removed: number;
  dropped: number;
  updatesDone: number;
  removalsDone: number;
}

function bySeq(a: StateEntry, b: StateEntry): number {
  return (a[0] as number) - (b[0] as number);
}

/**
 * Whether the aggregate may take the generator's windows per input row: the window column is the
 * event-time grouping value itself, and the other grouping values and the aggregate inputs and
 * filters do not read it and are plain columns, literals and casts (deterministic, so evaluating
 * them once per input row instead of once per window gives the same values).
 */
function takesWindowsPerRow(input: TimeWindowInput, grouping: readonly Expression[], aggregates: readonly Expression[], windowIndex: number): boolean {
  const windowId = input.window.exprId;
  const w = grouping[windowIndex];
  if (w.kind !== 'attribute' || w.exprId !== windowId) return false;
  const plain = (e: Expression): boolean => {
    let ok = true;
    forEachExpression(e, (x) => {
      if (x.kind === 'attribute') {
        if (x.exprId === windowId) ok = false;
      } else if (x.kind !== 'literal' && x.kind !== 'cast' && x.kind !== 'alias') {
        ok = false;
      }
    });
    return ok;
  };
  for (let i = 0; i < grouping.length; i++) if (i !== windowIndex && !plain(grouping[i])) return false;
  let ok = true;
  for (const e of aggregates) {
    forEachExpression(e, (x) => {
      if (x.kind !== 'aggregateCall') return false;
      if (x.distinct === true || !x.args.every(plain) || (x.filter !== undefined && !plain(x.filter))) ok = false;
      return true;
    });
  }
  return ok;
}
