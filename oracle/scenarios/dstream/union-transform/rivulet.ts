import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const left = ssc.queueStream([sc.parallelize([3, 1, 2]), sc.parallelize([9])]);
  const right = ssc.queueStream([sc.parallelize([2, 4]), sc.parallelize([8, 9])]);
  const stream = left.union(right).transform((rdd) => rdd.distinct().sortBy((x) => x));
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
