// Physical operators run one micro-batch (or one batch query) synchronously over row arrays.
import type { Attribute } from '../expressions/expression';
import type { StateStoreProvider } from '../state/state-store';

export type Row = unknown[];
export type OutputMode = 'append' | 'complete' | 'update';

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
}

export interface ExecutionContext {
  /** Rows of this batch per streaming source, by source index. */
  sourceRows: readonly (readonly Row[])[];
  batchId: number;
  outputMode: OutputMode;
  /** Present for streaming queries with stateful operators. */
  stateProvider?: StateStoreProvider;
  stateMetrics: StateOperatorMetrics[];
}

export interface PhysicalOperator {
  readonly output: readonly Attribute[];
  execute(ctx: ExecutionContext): Row[];
  /** Called once when the query stops. */
  close?(): void;
}
