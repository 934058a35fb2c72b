// updateStateByKey (PySpark's PythonStateDStream): each batch cogroups the last state with the
// batch's values and calls updateFunc for every key in either; a null/undefined result drops it.
// updateFunc gets a copy of the last state (as PySpark unpickles one), so mutating it in place
// never changes what earlier batches produced.
import type { DStream } from './dstream';
import { cloneValue } from './clone-value';
import { RDD, type Pair } from './rdd';

export function stateCompute<K, V, S>(
  parent: DStream<Pair<K, V>>,
  self: DStream<Pair<K, S>>,
  timeMs: number,
  updateFunc: (newValues: V[], lastState: S | null) => S | null | undefined,
  initial: RDD<Pair<K, S>> | undefined,
): RDD<Pair<K, S>> | undefined {
  const lastState = self.getOrCompute(timeMs - self.slideDurationMs) ?? initial;
  const batch = parent.getOrCompute(timeMs);
  if (!batch) return lastState;
  const out: Pair<K, S>[] = [];
  type Group = [K, V[], S | null];
  const grouped: Group[] = lastState
    ? lastState.cogroup(batch).collect().map(([k, [states, values]]): Group => [k, [...values], states.length > 0 ? states[0] : null])
    : batch.groupByKey().collect().map(([k, values]): Group => [k, [...values], null]);
  for (const [k, values, state] of grouped) {
    const next = updateFunc(values, state === null ? null : cloneValue(state));
    if (next !== null && next !== undefined) out.push([k, next]);
  }
  return new RDD(out);
}
