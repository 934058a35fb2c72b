// queueStream: one queued RDD per batch (oneAtATime) or all of them in the first batch; then the
// default RDD, or an empty one. The queue is copied at creation: later changes are not seen.
import { DStream } from './dstream';
import type { DStreamContext } from './dstream-context';
import { RDD } from './rdd';

export function queueInputDStream<T>(ssc: DStreamContext, rdds: Iterable<RDD<T> | Iterable<T>>, oneAtATime: boolean, defaultRdd: RDD<T> | Iterable<T> | null | undefined): DStream<T> {
  // One slice per queued list, as before parallelize kept Spark's slices (PySpark's queueStream
  // parallelizes with the default parallelism; left to the DStream work of issue 13 item 6).
  const toRdd = (x: RDD<T> | Iterable<T>): RDD<T> => (x instanceof RDD ? x : ssc.sparkContext.parallelize(x, 1));
  const queue = [...rdds].map(toRdd);
  const fallback = defaultRdd ? toRdd(defaultRdd) : undefined;
  return new DStream<T>(ssc, ssc.batchDurationMs, [], () => {
    const taken = oneAtATime ? queue.splice(0, 1) : queue.splice(0);
    const rdd = taken.length > 0 ? (oneAtATime ? taken[0] : ssc.sparkContext.union(taken)) : (fallback ?? new RDD<T>([]));
    ssc.reportInputRecords(rdd.count());
    return rdd;
  });
}
