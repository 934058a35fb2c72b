// Spark's TransformWithStateExec (and TransformWithStateInPySparkExec): per micro-batch and shuffle
// partition, the StatefulProcessor is initialised, then
//   1. in the first batch, handleInitialState runs per row of the initial state (keys in order),
//   2. handleInputRows runs once per key with new rows (keys in sorted order, as Spark's sort),
//   3. handleExpiredTimer runs per expired timer, in (expiry, key) order, and the timer is deleted:
//      processing-time timers at or before the batch's processing time, event-time timers at or
//      before the watermark,
//   4. TTL-expired state is removed, and close() runs.
// All state of a key (its variables and timers) is one state store entry, written only when the
// key's state changed, so a re-run batch starts from the same version (exactly-once with the sink).
// Due timers and TTL-expired keys come from two time-ordered indexes per partition (expiry-index.ts),
// kept up to date as keys are written: a batch touches only what is due, never all of the state.
// The indexes live in memory; a run builds them with one pass over its stores when it first loads
// them (a restart, or after a failed batch), as Spark reads its timer column family.
import type { Attribute } from '../expressions/expression';
import { compareGroupingKeys as compareKeys } from './compare-grouping-keys';
import type { DataType } from '../types/data-types';
import { BatchKeyGroups } from './batch-key-groups';
import { rowEventTime } from './row-event-time';
import { SparkException } from '../errors/spark-exception';
import type { StateStore } from '../state/state-store';
import { InMemoryStateStoreProvider } from '../state/in-memory-state-store-provider';
import { partitionIdFunction } from './hash-partitioning';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { ExpiredTimerInfo, TimerValues, type StatefulProcessor } from './stateful-processor';
import { StatefulProcessorHandle, type StateVariableInfo, copyKeyState, emptyKeyState, isEmptyKeyState, minExpiry, removeExpired, type KeyState, type TimeMode } from './stateful-processor-handle';
import { ExpiryIndex } from './expiry-index';

/** One partition's timer and TTL indexes, valid for the store version they were built or kept for. */
interface PartitionIndex {
  version: number;
  /** Every registered timer: (timer ms, key). */
  timers: ExpiryIndex;
  /** Per key with TTL values, its earliest expiry: (expiry ms, key). */
  ttl: ExpiryIndex;
  liveTimers: number;
  liveTtlKeys: number;
}

function buildIndex(store: StateStore): PartitionIndex {
  const index: PartitionIndex = { version: store.version, timers: new ExpiryIndex(), ttl: new ExpiryIndex(), liveTimers: 0, liveTtlKeys: 0 };
  for (const [k, v] of store.iterator()) indexKey(index, k as string, undefined, v as KeyState);
  return index;
}

/** Adds the index entries a key's new state needs beyond its previous state's. */
function indexKey(index: PartitionIndex, encoded: string, before: KeyState | undefined, after: KeyState | undefined): void {
  const oldTimers = before?.timers ?? [];
  const newTimers = after?.timers ?? [];
  for (const t of newTimers) if (!oldTimers.includes(t)) index.timers.push({ time: t, encoded, key: after!.key });
  index.liveTimers += newTimers.length - oldTimers.length;
  const oldMin = before ? minExpiry(before) : undefined;
  const newMin = after ? minExpiry(after) : undefined;
  if (newMin !== undefined && newMin !== oldMin) index.ttl.push({ time: newMin, encoded, key: after!.key });
  index.liveTtlKeys += (newMin === undefined ? 0 : 1) - (oldMin === undefined ? 0 : 1);
}

/** Drops stale entries once they outnumber the live ones (deleted timers, rewritten expiries). */
function compactIndex(index: PartitionIndex, store: StateStore): void {
  if (index.timers.size > 2 * index.liveTimers + 64) {
    index.timers.retain((e) => ((store.get(e.encoded) as KeyState | undefined)?.timers.includes(e.time) ?? false));
  }
  if (index.ttl.size > 2 * index.liveTtlKeys + 64) {
    index.ttl.retain((e) => {
      const s = store.get(e.encoded) as KeyState | undefined;
      return s !== undefined && minExpiry(s) === e.time;
    });
  }
}

/** Engine rows <-> what the processor sees and yields (set up by the API). */
export interface TransformWithStateAdapter {
  /** The key's grouping values as the processor sees them. */
  key(values: readonly unknown[]): unknown[];
  /** The key's input rows as the processor's `rows` argument. */
  input(rows: readonly Row[]): IterableIterator<unknown>;
  /** One initial-state row as handleInitialState's argument (a Row, or a frame of one Row). */
  initialRow(row: Row): unknown;
  /** What a handler yielded -> output rows. */
  output(items: Iterable<unknown>): unknown[][];
}

export interface TransformWithStateSpec {
  processor: StatefulProcessor;
  adapter: TransformWithStateAdapter;
  timeMode: TimeMode;
  groupingOrdinals: number[];
  groupingTypes: DataType[];
  /** EventTime mode: the input's event-time column, for dropping late rows. */
  eventTime?: { ordinal: number; isWindow: boolean };
  /** The initial state's plan and the ordinals of its grouping columns. */
  initialState?: { plan: PhysicalOperator; groupingOrdinals: number[] };
}

export class TransformWithStateExec implements PhysicalOperator {
  private readonly partitionOf: (values: readonly unknown[]) => number;
  private nextProcessingTimer: number | undefined;
  private ranOnce = false;
  private readonly indexes: (PartitionIndex | undefined)[] = [];
  /** How many times a partition's indexes were built by a pass over its store (tests). */
  indexBuilds = 0;

  constructor(
    readonly output: readonly Attribute[],
    private readonly spec: TransformWithStateSpec,
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    private readonly streaming: boolean,
  ) {
    this.partitionOf = partitionIdFunction(spec.groupingTypes, numPartitions);
  }

  /**
   * For no-data batches: the earliest processing-time timer minus 1 ms (the engine runs a batch
   * when that is before now, and a timer fires at its own time). Before the first batch of a run
   * the state is unread, so a batch is asked for.
   */
  pendingProcessingTimer(): number | undefined {
    if (this.spec.timeMode !== 'ProcessingTime') return undefined;
    if (!this.ranOnce) return Number.NEGATIVE_INFINITY;
    return this.nextProcessingTimer === undefined ? undefined : this.nextProcessingTimer - 1;
  }

  execute(ctx: ExecutionContext): Row[] {
    const spec = this.spec;
    const provider = this.streaming ? ctx.stateProvider : new InMemoryStateStoreProvider();
    if (!provider) throw new SparkException('transformWithState needs a state store provider (this is a bug).');
    const started = performance.now();
    const batchTs = ctx.batchTimestampMs ?? Date.now();
    const watermark = this.streaming ? (ctx.batchWatermarkMs ?? 0) : 0;
    const timerValues = new TimerValues(spec.timeMode === 'None' ? -1 : batchTs, spec.timeMode === 'EventTime' ? watermark : -1);
    const lateBelow = BigInt(ctx.lateEventsWatermarkMs ?? ctx.batchWatermarkMs ?? 0) * 1000n;
    const et = this.streaming && spec.timeMode === 'EventTime' ? spec.eventTime : undefined;
    let dropped = 0;

    const batch = new BatchKeyGroups<{ key: unknown[]; rows: Row[]; initial: Row[] }>(this.numPartitions, (key) => this.partitionOf(key), (key) => ({ key, rows: [], initial: [] }));
    const groups = batch.partitions;
    const ordinals = spec.groupingOrdinals;
    pushRows(this.child, ctx, (row) => {
      if (et) {
        const t = rowEventTime(row, et);
        if (t !== null && t <= lateBelow) {
          dropped++;
          return;
        }
      }
      batch.groupOf(ordinals.map((o) => row[o])).rows.push(row.slice());
    });
    // Initial state: the first batch of the query only (Spark's isFirstBatch).
    if (spec.initialState && (ctx.batchId ?? 0) === 0) {
      const init = spec.initialState;
      for (const row of init.plan.execute(ctx)) batch.groupOf(init.groupingOrdinals.map((o) => row[o])).initial.push(row.slice());
    }

    const stores: StateStore[] = [];
    const out: Row[] = [];
    let updated = 0;
    let removed = 0;
    let timersFired = 0;
    let nextTimer: number | undefined;
    try {
      for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
      for (let p = 0; p < this.numPartitions; p++) {
        const store = stores[p];
        let current: KeyState | undefined;
        let loaded: KeyState | undefined;
        let encodedKey = '';
        let dirty = false;
        let index = this.indexes[p];
        if (!index || index.version !== store.version) {
          index = this.indexes[p] = buildIndex(store);
          this.indexBuilds++;
        }
        const idx = index;
        const handle = new StatefulProcessorHandle({
          timeMode: spec.timeMode,
          batchTimestampMs: batchTs,
          watermarkMs: watermark,
          current: () => {
            if (!current) throw new SparkException('The handle has not been initialized for this StatefulProcessor. Please only use the StatefulProcessor within the transformWithState operator.', { errorClass: 'STATE_STORE_HANDLE_NOT_INITIALIZED', sqlState: '42802' });
            return current;
          },
          touch: () => {
            dirty = true;
          },
        });
        const setKey = (encoded: string, key: unknown[]): void => {
          const stored = store.get(encoded) as KeyState | undefined;
          loaded = stored;
          current = stored ? copyKeyState(stored) : emptyKeyState(key);
          encodedKey = encoded;
          dirty = false;
        };
        const flushKey = (): void => {
          if (current && dirty) {
            if (isEmptyKeyState(current)) {
              if (store.get(encodedKey) !== undefined) {
                store.remove(encodedKey);
                removed++;
              }
              indexKey(idx, encodedKey, loaded, undefined);
            } else {
              store.put(encodedKey, current);
              updated++;
              indexKey(idx, encodedKey, loaded, current);
            }
          }
          current = undefined;
          loaded = undefined;
          dirty = false;
        };
        const emit = (items: Iterable<unknown>): void => {
          for (const r of spec.adapter.output(items)) out.push(r);
        };
        const call = <T>(fn: string, run: () => T): T => {
          try {
            return run();
          } catch (e) {
            throw userFunctionError(fn, e);
          }
        };
        if (groups[p].size === 0 && store.numKeys === 0) continue;
        call('init', () => spec.processor.init(handle));
        handle.state = 'INITIALIZED';
        const keys = [...groups[p].entries()].sort((a, b) => compareKeys(a[1].key, b[1].key));
        for (const [encoded, g] of keys) {
          setKey(encoded, g.key);
          const userKey = spec.adapter.key(g.key);
          for (const r of g.initial) call('handleInitialState', () => spec.processor.handleInitialState(userKey, spec.adapter.initialRow(r), timerValues));
          if (g.rows.length > 0) call('handleInputRows', () => emit(spec.processor.handleInputRows(userKey, spec.adapter.input(g.rows), timerValues)));
          flushKey();
        }
        handle.state = 'DATA_PROCESSED';
        const threshold = spec.timeMode === 'ProcessingTime' ? batchTs : spec.timeMode === 'EventTime' && this.streaming ? watermark : undefined;
        if (threshold !== undefined) {
          // Stale entries (deleted timers) and duplicates are skipped below: the key's state decides.
          const due = idx.timers.popDue(threshold).sort((a, b) => a.time - b.time || compareKeys(a.key, b.key));
          for (const { time: t, encoded, key } of due) {
            setKey(encoded, key);
            if (!current!.timers.includes(t)) {
              current = undefined;
              loaded = undefined;
              continue;
            }
            timersFired++;
            call('handleExpiredTimer', () => emit(spec.processor.handleExpiredTimer(spec.adapter.key(key), timerValues, new ExpiredTimerInfo(t))));
            current!.timers = current!.timers.filter((x) => x !== t);
            dirty = true;
            flushKey();
          }
        }
        handle.state = 'TIMER_PROCESSED';
        // TTL: expired values leave the store at the end of the batch.
        // A key's entry is due when its earliest expiry is at or before the batch's time.
        const swept = new Set<string>();
        for (const { encoded } of idx.ttl.popDue(batchTs)) {
          if (swept.has(encoded)) continue;
          swept.add(encoded);
          const stored = store.get(encoded) as KeyState | undefined;
          if (!stored) continue;
          const copy = copyKeyState(stored);
          if (removeExpired(copy, batchTs) === 0) continue;
          if (isEmptyKeyState(copy)) {
            store.remove(encoded);
            indexKey(idx, encoded, stored, undefined);
          } else {
            store.put(encoded, copy);
            indexKey(idx, encoded, stored, copy);
          }
          removed++;
        }
        call('close', () => spec.processor.close());
        handle.state = 'CLOSED';
      }
      for (let p = 0; p < this.numPartitions; p++) {
        const idx = this.indexes[p];
        if (!idx) continue;
        compactIndex(idx, stores[p]);
        if (spec.timeMode !== 'ProcessingTime') continue;
        // The earliest live timer: stale entries on top are dropped first.
        for (let top = idx.timers.peek(); top; top = idx.timers.peek()) {
          if ((stores[p].get(top.encoded) as KeyState | undefined)?.timers.includes(top.time)) {
            if (nextTimer === undefined || top.time < nextTimer) nextTimer = top.time;
            break;
          }
          idx.timers.pop();
        }
      }
    } catch (e) {
      for (const s of stores) s.abort();
      // The indexes saw this batch's changes: built again from the stores next time.
      this.indexes.length = 0;
      throw e;
    }
    const updatesDone = performance.now();
    let total = 0;
    for (let p = 0; p < stores.length; p++) {
      total += stores[p].numKeys;
      const version = stores[p].commit();
      const idx = this.indexes[p];
      if (idx) idx.version = version;
    }
    this.nextProcessingTimer = nextTimer;
    this.ranOnce = true;
    if (this.streaming) {
      ctx.stateMetrics.push({
        operatorName: 'transformWithStateExec',
        numRowsTotal: total,
        numRowsUpdated: updated,
        numRowsRemoved: removed,
        allUpdatesTimeMs: Math.round(updatesDone - started),
        allRemovalsTimeMs: 0,
        commitTimeMs: Math.round(performance.now() - updatesDone),
        numShufflePartitions: this.numPartitions,
        numStateStoreInstances: this.numPartitions,
        numRowsDroppedByWatermark: dropped,
      });
    }
    void timersFired;
    return out;
  }

  close(): void {
    this.child.close?.();
    this.spec.initialState?.plan.close?.();
  }
}

/**
 * The state variables the processor's init() declares, found as Spark's driver does: init() runs
 * once with a handle in PRE_INIT state (variables may be declared, no key is set). The engine keeps
 * them in the operator's state schema, so a restart with a changed variable schema is refused.
 */
export function declaredStateVariables(processor: StatefulProcessor, timeMode: TimeMode): StateVariableInfo[] {
  const handle = new StatefulProcessorHandle({
    timeMode,
    batchTimestampMs: 0,
    watermarkMs: 0,
    current: () => {
      throw new SparkException('The handle has not been initialized for this StatefulProcessor. Please only use the StatefulProcessor within the transformWithState operator.', { errorClass: 'STATE_STORE_HANDLE_NOT_INITIALIZED', sqlState: '42802' });
    },
    touch: () => undefined,
  });
  handle.state = 'PRE_INIT';
  try {
    processor.init(handle);
  } catch (e) {
    throw userFunctionError('init', e);
  }
  return handle.declaredVariables();
}

/** Spark's TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR; the engine's own errors pass through. */
function userFunctionError(fn: string, e: unknown): unknown {
  if (e instanceof SparkException) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new SparkException(`An error occurred in the user-defined function ${fn} of the StatefulProcessor. Reason: ${reason}.`, {
    errorClass: 'TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR',
    sqlState: '39000',
    messageParameters: { function: fn, reason },
    cause: e,
  });
}
