// Spark's FlatMapGroupsWithStateExec (also FlatMapGroupsInPandasWithStateExec): per micro-batch,
// the input rows are hashed into shuffle partitions and grouped by key; per partition, the user's
// function runs once per key with data (keys in sorted order, as Spark's sort-based grouping),
// then once per key whose timeout expired (no rows, hasTimedOut). State lives in the operator's
// state store: one entry per key with its value and timeout timestamp, written only when the call
// changed it. With an event-time timeout, input rows at or behind the watermark are dropped first.
// An initial state (Scala's flatMapGroupsWithState(outputMode, timeoutConf, initialState)) seeds
// the state in the first batch of the query only (every batch query): its keys are stored, and the
// function runs for every key with data or an initial state (keys only in the initial state with
// no rows), as Spark's cogroup of the two.
import type { Attribute } from '../expressions/expression';
import { compareGroupingKeys as compareKeys } from './compare-grouping-keys';
import type { DataType } from '../types/data-types';
import type { GroupStateFunction } from '../plans/logical-plan';
import type { GroupStateApi, GroupStateTimeoutKind } from '../plans/group-state-timeout';
import { BatchKeyGroups } from './batch-key-groups';
import { rowEventTime } from './row-event-time';
import { SparkException } from '../errors/spark-exception';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import type { StateStore } from '../state/state-store';
import { InMemoryStateStoreProvider } from '../state/in-memory-state-store-provider';
import { partitionIdFunction } from './hash-partitioning';
import { GroupState, NO_TIMESTAMP, type StateValueCodec } from './group-state';
import { pushRows, type ExecutionContext, type PhysicalOperator, type Row } from './physical-operator';

/** What the operator keeps per key. */
interface StateEntry {
  key: unknown[];
  value: unknown;
  /** NO_TIMESTAMP when the key has no timeout. */
  timeout: number;
}

export interface FlatMapGroupsWithStateSpec {
  api: GroupStateApi;
  func: GroupStateFunction;
  groupingOrdinals: number[];
  groupingTypes: DataType[];
  timeout: GroupStateTimeoutKind;
  codec: StateValueCodec;
  /** The child's event-time column (withWatermark), if any: `watermarkPresent`, late-row dropping. */
  eventTime?: { ordinal: number; isWindow: boolean };
  /** Scala's initialState: its plan, key columns and a row -> the key's first state value. */
  initialState?: { plan: PhysicalOperator; groupingOrdinals: number[]; stateValue: (row: readonly unknown[]) => unknown };
}

export class FlatMapGroupsWithStateExec implements PhysicalOperator {
  private readonly partitionOf: (values: readonly unknown[]) => number;
  /** Smallest processing-time timeout in state after the last batch (for no-data batches). */
  private nextProcessingTimeout: number | undefined;

  constructor(
    readonly output: readonly Attribute[],
    private readonly spec: FlatMapGroupsWithStateSpec,
    private readonly child: PhysicalOperator,
    private readonly operatorId: number,
    private readonly numPartitions: number,
    private readonly streaming: boolean,
  ) {
    this.partitionOf = partitionIdFunction(spec.groupingTypes, numPartitions);
  }

  /**
   * The earliest processing-time timeout in state (ms), if the operator has one pending; before
   * the first batch of a run the state is unread, so a batch is asked for (-Infinity) to find out.
   */
  pendingProcessingTimeout(): number | undefined {
    if (this.spec.timeout !== 'ProcessingTimeTimeout') return undefined;
    return this.ranOnce ? this.nextProcessingTimeout : Number.NEGATIVE_INFINITY;
  }

  private ranOnce = false;

  execute(ctx: ExecutionContext): Row[] {
    const spec = this.spec;
    // A batch query runs the function once per key with fresh state (Spark's createForBatch).
    const provider = this.streaming ? ctx.stateProvider : new InMemoryStateStoreProvider();
    if (!provider) throw new SparkException('flatMapGroupsWithState needs a state store provider (this is a bug).');
    const started = performance.now();
    const watermarkPresent = spec.eventTime !== undefined;
    const evictionWatermark = this.streaming && watermarkPresent ? (ctx.batchWatermarkMs ?? 0) : NO_TIMESTAMP;
    const lateBelow = BigInt(ctx.lateEventsWatermarkMs ?? ctx.batchWatermarkMs ?? 0) * 1000n;
    const dropLate = this.streaming && spec.timeout === 'EventTimeTimeout' && spec.eventTime !== undefined;
    const processingTime = ctx.batchTimestampMs ?? Date.now();
    let dropped = 0;

    // Group the batch: partition -> key -> rows (and the key's initial state, first batch only).
    const batch = new BatchKeyGroups<{ key: unknown[]; rows: Row[]; initial?: { value: unknown } }>(this.numPartitions, (key) => this.partitionOf(key), (key) => ({ key, rows: [] }));
    const groups = batch.partitions;
    const ordinals = spec.groupingOrdinals;
    const et = spec.eventTime;
    pushRows(this.child, ctx, (row) => {
      if (dropLate && et) {
        const t = rowEventTime(row, et);
        if (t !== null && t <= lateBelow) {
          dropped++;
          return;
        }
      }
      batch.groupOf(ordinals.map((o) => row[o])).rows.push(row.slice());
    });
    if (spec.initialState && (!this.streaming || (ctx.batchId ?? 0) === 0)) {
      const init = spec.initialState;
      for (const row of init.plan.execute(ctx)) {
        const g = batch.groupOf(init.groupingOrdinals.map((o) => row[o]));
        if (g.initial) {
          throw new IllegalArgumentException('The initial state provided contained multiple rows(state) with the same key. Make sure to de-duplicate the initial state before passing it.');
        }
        g.initial = { value: spec.codec.fromUser(init.stateValue(row)) };
      }
    }

    const stores: StateStore[] = [];
    const out: Row[] = [];
    let updated = 0;
    let removed = 0;
    let updatesDone = started;
    let nextTimeout: number | undefined;
    try {
      for (let p = 0; p < this.numPartitions; p++) stores.push(provider.getStore(this.operatorId, p, ctx.batchId));
      for (let p = 0; p < this.numPartitions; p++) {
        const store = stores[p];
        const call = (encoded: string, key: unknown[], rows: Row[], existing: StateEntry | undefined, hasTimedOut: boolean): void => {
          const state = new GroupState({
            api: spec.api,
            stored: existing?.value ?? null,
            defined: existing !== undefined && existing.value !== null,
            batchProcessingTimeMs: processingTime,
            eventTimeWatermarkMs: evictionWatermark,
            timeoutConf: spec.timeout,
            hasTimedOut,
            watermarkPresent,
            codec: spec.codec,
          });
          let produced: unknown[][];
          try {
            produced = spec.func(key, rows, state);
          } catch (e) {
            throw userFunctionError(spec.api, e);
          }
          for (const r of produced) out.push(r);
          // Spark's onIteratorCompletion: write state only when the call changed something.
          const timeout = state.timeoutTimestampMs;
          if (state.isRemoved && timeout === NO_TIMESTAMP) {
            if (existing !== undefined) {
              store.remove(encoded);
              removed++;
            }
            return;
          }
          const previousTimeout = existing?.timeout ?? NO_TIMESTAMP;
          if (state.isUpdated || state.isRemoved || timeout !== previousTimeout) {
            store.put(encoded, { key, value: state.exists ? state.storedValue : null, timeout } satisfies StateEntry);
            updated++;
          }
        };
        const withData = [...groups[p].entries()].sort((a, b) => compareKeys(a[1].key, b[1].key));
        for (const [encoded, g] of withData) {
          let existing = store.get(encoded) as StateEntry | undefined;
          if (g.initial) {
            // Spark puts the initial state first: kept even when the function does not update it.
            existing = { key: g.key, value: g.initial.value, timeout: NO_TIMESTAMP };
            store.put(encoded, existing);
          }
          call(encoded, g.key, g.rows, existing, false);
        }
        if (spec.timeout !== 'NoTimeout' && this.streaming) {
          const threshold = spec.timeout === 'ProcessingTimeTimeout' ? processingTime : watermarkPresent ? evictionWatermark : undefined;
          if (threshold !== undefined) {
            const expired: [string, StateEntry][] = [];
            for (const [k, v] of store.iterator()) {
              const entry = v as StateEntry;
              if (entry.timeout !== NO_TIMESTAMP && entry.timeout < threshold) expired.push([k as string, entry]);
            }
            for (const [encoded, entry] of expired) call(encoded, entry.key, [], entry, true);
          }
        }
        if (spec.timeout === 'ProcessingTimeTimeout') {
          for (const [, v] of store.iterator()) {
            const t = (v as StateEntry).timeout;
            if (t !== NO_TIMESTAMP && (nextTimeout === undefined || t < nextTimeout)) nextTimeout = t;
          }
        }
      }
      updatesDone = performance.now();
    } catch (e) {
      for (const s of stores) s.abort();
      throw e;
    }
    const commitStarted = performance.now();
    let total = 0;
    for (const store of stores) {
      total += store.numKeys;
      store.commit();
    }
    this.nextProcessingTimeout = nextTimeout;
    this.ranOnce = true;
    if (this.streaming) {
      ctx.stateMetrics.push({
        operatorName: spec.api === 'applyInPandasWithState' ? 'applyInPandasWithState' : 'flatMapGroupsWithState',
        numRowsTotal: total,
        numRowsUpdated: updated,
        numRowsRemoved: removed,
        allUpdatesTimeMs: Math.round(updatesDone - started),
        allRemovalsTimeMs: 0,
        commitTimeMs: Math.round(performance.now() - commitStarted),
        numShufflePartitions: this.numPartitions,
        numStateStoreInstances: this.numPartitions,
        numRowsDroppedByWatermark: dropped,
      });
    }
    return out;
  }

  close(): void {
    this.child.close?.();
    this.spec.initialState?.plan.close?.();
  }
}

/** Errors of the engine's own making pass through; anything else thrown by the function is wrapped. */
function userFunctionError(api: GroupStateApi, e: unknown): unknown {
  if (api === 'applyInPandasWithState') return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new SparkException(`An error occurred in the user provided function in flatMapGroupsWithState. Reason: ${reason}`, {
    errorClass: 'FLATMAPGROUPSWITHSTATE_USER_FUNCTION_ERROR',
    sqlState: '39000',
    messageParameters: { reason },
    cause: e,
  });
}
