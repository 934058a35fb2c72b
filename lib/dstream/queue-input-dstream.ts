// queueStream: one queued RDD per batch (oneAtATime) or all of them in the first batch; then the
// default RDD, or an empty one. The queue is copied at creation: later changes are not seen.
// Like Spark's, it reports no input records to the listener's BatchInfo.
import { DStream } from './dstream';
import type { DStreamContext } from './dstream-context';
import { RDD } from './rdd';

export function queueInputDStream<T>(ssc: DStreamContext, rdds: Iterable<RDD<T> | Iterable<T>>, oneAtATime: boolean, defaultRdd: RDD<T> | Iterable<T> | null | undefined): DStream<T> {
  // PySpark's queueStream parallelizes each list with the default parallelism.
  const toRdd = (x: RDD<T> | Iterable<T>): RDD<T> => (x instanceof RDD ? x : (ssc.sparkContext.parallelize(x as Iterable<never>) as RDD<T>));
  const queue = [...rdds].map(toRdd);
  const fallback = defaultRdd ? toRdd(defaultRdd) : undefined;
  // Spark's QueueInputDStream takes an input stream id but reports no input info (numRecords 0).
  ssc.newInputStreamId();
  return new DStream<T>(ssc, ssc.batchDurationMs, [], () => {
    const taken = oneAtATime ? queue.splice(0, 1) : queue.splice(0);
    const rdd = taken.length > 0 ? (oneAtATime ? taken[0] : ssc.sparkContext.union(taken)) : (fallback ?? new RDD<T>([]));
    return rdd;
  });
}
