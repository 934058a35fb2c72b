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
import type { Attribute } from '../expressions/expression';
import { compareGroupingKeys as compareKeys } from './compare-grouping-keys';
import type { DataType } from '../types/data-types';
import { encodeCompositeKey } from '../util/group-key';
import { SparkException } from '../errors/spark-exception';
import type { StateStore } from '../state/state-store';
import { InMemoryStateStoreProvider } from '../state/in-memory-state-store-provider';
import { partitionIdFunction } from './hash-partitioning';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';
import { ExpiredTimerInfo, TimerValues, type StatefulProcessor } from './stateful-processor';
import { StatefulProcessorHandle, copyKeyState, emptyKeyState, isEmptyKeyState, removeExpired, type KeyState, type TimeMode } from './stateful-processor-handle';

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

    const groups: Map<string, { key: unknown[]; rows: Row[]; initial: Row[] }>[] = Array.from({ length: this.numPartitions }, () => new Map());
    const ordinals = spec.groupingOrdinals;
    pushRows(this.child, ctx, (row) => {
      if (et) {
        let t = row[et.ordinal] as bigint | unknown[] | null;
        if (et.isWindow && t !== null) t = (t as unknown[])[1] as bigint | null;
        if (t !== null && (t as bigint) <= lateBelow) {
          dropped++;
          return;
        }
      }
      const key = ordinals.map((o) => row[o]);
      const encoded = encodeCompositeKey(key);
      const partition = groups[this.partitionOf(key)];
      let g = partition.get(encoded);
      if (!g) partition.set(encoded, (g = { key, rows: [], initial: [] }));
      g.rows.push(row.slice());
    });
    // Initial state: the first batch of the query only (Spark's isFirstBatch).
    if (spec.initialState && (ctx.batchId ?? 0) === 0) {
      const init = spec.initialState;
      for (const row of init.plan.execute(ctx)) {
        const key = init.groupingOrdinals.map((o) => row[o]);
        const encoded = encodeCompositeKey(key);
        const partition = groups[this.partitionOf(key)];
        let g = partition.get(encoded);
        if (!g) partition.set(encoded, (g = { key, rows: [], initial: [] }));
        g.initial.push(row.slice());
      }
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
        let encodedKey = '';
        let dirty = false;
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
            } else {
              store.put(encodedKey, current);
              updated++;
            }
          }
          current = undefined;
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
          const due: [number, string, unknown[]][] = [];
          for (const [k, v] of store.iterator()) for (const t of (v as KeyState).timers) if (t <= threshold) due.push([t, k as string, (v as KeyState).key]);
          due.sort((a, b) => a[0] - b[0] || compareKeys(a[2], b[2]));
          for (const [t, encoded, key] of due) {
            setKey(encoded, key);
            if (!current!.timers.includes(t)) {
              current = undefined;
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
        const expired: [string, KeyState][] = [];
        if (handle.usesTtl) for (const [k, v] of store.iterator()) {
          const copy = copyKeyState(v as KeyState);
          if (removeExpired(copy, batchTs) > 0) expired.push([k as string, copy]);
        }
        for (const [k, s] of expired) {
          if (isEmptyKeyState(s)) store.remove(k);
          else store.put(k, s);
          removed++;
        }
        call('close', () => spec.processor.close());
        handle.state = 'CLOSED';
      }
      if (spec.timeMode === 'ProcessingTime') {
        for (const store of stores) for (const [, v] of store.iterator()) for (const t of (v as KeyState).timers) if (nextTimer === undefined || t < nextTimer) nextTimer = t;
      }
    } catch (e) {
      for (const s of stores) s.abort();
      throw e;
    }
    const updatesDone = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
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
