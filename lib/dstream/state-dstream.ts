// updateStateByKey (PySpark's PythonStateDStream): each batch cogroups the last state with the
// batch's values and calls updateFunc for every key in either; a null/undefined result drops it.
// updateFunc gets a copy of the last state (as PySpark unpickles one), so mutating it in place
// never changes what earlier batches produced.
import type { DStream } from './dstream';
import { cloneValue } from './clone-value';
import type { RDD, Pair } from './rdd';

export function stateCompute<K, V, S>(
  parent: DStream<Pair<K, V>>,
  self: DStream<Pair<K, S>>,
  timeMs: number,
  updateFunc: (newValues: V[], lastState: S | null) => S | null | undefined,
  initial: RDD<Pair<K, S>> | undefined,
  numPartitions: number,
): RDD<Pair<K, S>> | undefined {
  const lastState = self.getOrCompute(timeMs - self.slideDurationMs) ?? initial;
  const batch = parent.getOrCompute(timeMs);
  if (!batch) return lastState;
  // PySpark's reduceFunc: the batch grouped by key, or the last state cogrouped with the batch
  // partitioned by key; keys come out partition by partition.
  type Group = [V[], S | null];
  const grouped: RDD<Pair<K, Group>> = lastState
    ? lastState.cogroup(batch.partitionBy(numPartitions), numPartitions).mapValues(([states, values]): Group => [[...values], states.length > 0 ? states[0] : null])
    : batch.groupByKey(numPartitions).mapValues((values): Group => [[...values], null]);
  const state = grouped.mapValues(([values, s]) => updateFunc(values, s === null ? null : cloneValue(s))).filter((kv) => kv[1] !== null && kv[1] !== undefined) as RDD<Pair<K, S>>;
  // Computed once: the next batch and every output read the same states.
  return state.cache();
}
