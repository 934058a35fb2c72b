// Spark 4's arbitrary stateful processing v2 (transformWithState): the user's StatefulProcessor and
// the values the operator hands it. PySpark's shape (pyspark.sql.streaming.StatefulProcessor):
//   init(handle)                                     once per partition and batch, declares state
//   handleInputRows(key, rows, timerValues)          per key with new rows; yields output rows
//   handleExpiredTimer(key, timerValues, info)       per expired timer; yields output rows
//   handleInitialState(key, initialState, values)    first batch only, per initial-state row
//   close()                                          after the partition's batch
// `key` is an array of the grouping values (PySpark's tuple). With transformWithState `rows` is an
// iterator of Rows; with transformWithStateInPandas it is an iterator of arrays of Rows (Rivulet's
// stand-in for pandas DataFrames), and the methods yield frames (arrays of rows) or rows.
import type { Row } from '../types/row';
import type { StatefulProcessorHandle } from './stateful-processor-handle';

/** pyspark.sql.streaming.stateful_processor.TimerValues. */
export class TimerValues {
  constructor(
    private readonly currentProcessingTimeInMs: number = -1,
    private readonly currentWatermarkInMs: number = -1,
  ) {}

  /** The batch's processing time (ms); -1 in timeMode "None". */
  getCurrentProcessingTimeInMs(): number {
    return this.currentProcessingTimeInMs;
  }

  /** The batch's event-time watermark (ms); -1 unless timeMode is "EventTime". */
  getCurrentWatermarkInMs(): number {
    return this.currentWatermarkInMs;
  }
}

/** pyspark.sql.streaming.stateful_processor.ExpiredTimerInfo. */
export class ExpiredTimerInfo {
  constructor(private readonly expiryTimeInMs: number = -1) {}

  getExpiryTimeInMs(): number {
    return this.expiryTimeInMs;
  }
}

export abstract class StatefulProcessor {
  /** Declares the state variables (handle.getValueState / getListState / getMapState). */
  abstract init(handle: StatefulProcessorHandle): void;

  /** The key's new rows of this batch: an iterator of Rows (or of frames, with ...InPandas). */
  abstract handleInputRows(key: any[], rows: IterableIterator<any>, timerValues: TimerValues): Iterable<unknown>;

  /** A timer of the key expired; optional (no output by default). */
  handleExpiredTimer(_key: any[], _timerValues: TimerValues, _expiredTimerInfo: ExpiredTimerInfo): Iterable<unknown> {
    return [];
  }

  /** One row (or frame) of the initial state of the key, in the first batch; optional. */
  handleInitialState(_key: any[], _initialState: any, _timerValues: TimerValues): void {}

  /** After the batch; optional. */
  close(): void {}
}

/** Rows the processor sees: Rows (transformWithState) or frames of Rows (transformWithStateInPandas). */
export type ProcessorInput = Row | Row[];
