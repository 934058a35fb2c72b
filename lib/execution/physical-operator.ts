// Physical operators run one micro-batch (or one batch query) synchronously over row arrays.
import type { Attribute } from '../expressions/expression';
import type { StateStoreProvider } from '../state/state-store';

export type Row = unknown[];
import type { OutputMode } from '../plans/output-mode';

export type { OutputMode };

export interface StateOperatorMetrics {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  allUpdatesTimeMs: number;
  allRemovalsTimeMs: number;
  commitTimeMs: number;
  numShufflePartitions: number;
  numStateStoreInstances: number;
  /** Input rows behind the watermark that the operator dropped (Spark's numRowsDroppedByWatermark). */
  numRowsDroppedByWatermark?: number;
  /** Estimated memory of the operator's state (filled in by the engine from the provider). */
  memoryUsedBytes?: number;
  /** Operator-specific metrics added to the state store's in progress `customMetrics`. */
  customMetrics?: Record<string, number>;
}

export interface ExecutionContext {
  /** Rows of this batch per streaming source, by source index. */
  sourceRows: readonly (readonly Row[])[];
  batchId: number;
  outputMode: OutputMode;
  /** Present for streaming queries with stateful operators. */
  stateProvider?: StateStoreProvider;
  stateMetrics: StateOperatorMetrics[];
  /**
   * The event-time watermark of this batch in epoch ms (0 before any), fixed in offsets/N and
   * replayed on recovery. Stateful operators drop input rows at or below it (see
   * lateEventsWatermarkMs) and evict state at or below it.
   */
  batchWatermarkMs?: number;
  /** The batch's processing time in epoch ms (its trigger time, fixed in offsets/N). */
  batchTimestampMs?: number;
  /**
   * The previous batch's watermark (offsets/N-1), which Spark 3.4+ uses to decide which input rows
   * are late (eviction uses batchWatermarkMs). Lets a chained stateful operator keep the rows its
   * upstream operator emitted at this batch's watermark. Defaults to batchWatermarkMs.
   */
  lateEventsWatermarkMs?: number;
  /**
   * Watermark operators report the event times they saw in this batch (ms), keyed by their
   * operator id; the engine folds them into the next batch's watermark after the batch commits.
   */
  eventTimeStats?: Map<number, EventTimeStats>;
  /** df.observe metrics of this execution by observation name (the result row of each). */
  observedMetrics?: Map<string, unknown[]>;
}

/** Event times one watermark operator saw in a batch (Spark's EventTimeStats). */
export interface EventTimeStats {
  /** The watermark delay of the operator, in ms. */
  delayMs: number;
  max: number;
  min: number;
  sum: number;
  count: number;
}

export interface PhysicalOperator {
  readonly output: readonly Attribute[];
  execute(ctx: ExecutionContext): Row[];
  /**
   * Pushes rows to `consume` without materialising an array (Spark's produce/consume). A row is
   * only valid during the call: consumers that keep rows must copy them.
   */
  forEachRow?(ctx: ExecutionContext, consume: (row: Row) => void): void;
  /** Called once when the query stops. */
  close?(): void;
}

/** Streams an operator's rows into `consume`, through forEachRow when the operator has it. */
export function pushRows(op: PhysicalOperator, ctx: ExecutionContext, consume: (row: Row) => void): void {
  if (op.forEachRow) {
    op.forEachRow(ctx, consume);
    return;
  }
  const rows = op.execute(ctx);
  for (let i = 0; i < rows.length; i++) consume(rows[i]);
}
