// reduceByKeyAndWindow with an inverse function (PySpark's PythonReducedWindowedDStream): for a
// window of at least 5 slides the previous window's result is updated by subtracting the batches
// that left and adding the ones that entered; shorter windows are reduced again from scratch.
import type { DStream } from './dstream';
import { type RDD, type Pair, unionOf } from './rdd';

export interface ReducedWindowSpec<K, V> {
  parent: DStream<Pair<K, V>>;
  self: DStream<Pair<K, V>>;
  func: (a: V, b: V) => V;
  invFunc: (a: V, b: V) => V;
  filterFunc: ((kv: Pair<K, V>) => unknown) | undefined;
  windowMs: number;
  slideMs: number;
  numPartitions: number;
}

/** Spark's sc.union of the parent's RDDs (partitioner-aware when they share one). */
function unionAll<T>(rdds: RDD<T>[]): RDD<T> {
  return unionOf(rdds);
}

export function reducedWindowedCompute<K, V>(spec: ReducedWindowSpec<K, V>, timeMs: number): RDD<Pair<K, V>> | undefined {
  const { parent, self, func, invFunc, filterFunc, windowMs, slideMs, numPartitions } = spec;
  const parentSlide = parent.slideDurationMs;
  const currentBegin = timeMs - windowMs;
  const previousBegin = currentBegin - slideMs;
  const previousEnd = timeMs - slideMs;

  const reduce = (a: RDD<Pair<K, V>> | undefined, b: RDD<Pair<K, V>>): RDD<Pair<K, V>> => {
    const reducedB = b.reduceByKey(func, numPartitions);
    const r = a ? a.union(reducedB).reduceByKey(func, numPartitions) : reducedB;
    return filterFunc ? r.filter(filterFunc) : r;
  };
  const inverse = (a: RDD<Pair<K, V>>, b: RDD<Pair<K, V>>): RDD<Pair<K, V>> =>
    a.leftOuterJoin(b.reduceByKey(func, numPartitions), numPartitions).mapValues(([v, w]) => (w !== null ? invFunc(v, w) : v));

  const previous = self.getOrCompute(previousEnd);
  if (previous && windowMs >= slideMs * 5) {
    const oldRdds = parent.sliceMs(previousBegin + parentSlide, currentBegin);
    const subtracted = oldRdds.length > 0 ? inverse(previous, unionAll(oldRdds)) : previous;
    const newRdds = parent.sliceMs(previousEnd + parentSlide, timeMs);
    return newRdds.length > 0 ? reduce(subtracted, unionAll(newRdds)) : subtracted;
  }
  const current = parent.sliceMs(currentBegin + parentSlide, timeMs);
  return current.length > 0 ? reduce(undefined, unionAll(current)) : undefined;
}
