// What a GenerateExec of time windows (window(ts, size, slide) below an aggregate) offers an
// aggregate that takes the windows of each input row directly: the generator's input and how to
// find a row's windows, so no row per window (and no window array per row) is made.
import type { Attribute } from '../expressions/expression';
import type { Evaluator } from '../expressions/function-definition';
import type { PhysicalOperator } from './physical-operator';

export interface TimeWindowInput {
  /** The generator's input; the generate's output is these columns, then the window. */
  readonly child: PhysicalOperator;
  /** The event time of an input row in micros (null: the row has no window). */
  readonly time: Evaluator;
  readonly size: bigint;
  readonly slide: bigint;
  readonly start: bigint;
  /** The generated window column. */
  readonly window: Attribute;
}
