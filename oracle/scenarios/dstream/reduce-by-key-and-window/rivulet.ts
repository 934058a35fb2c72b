import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize([['a', 1], ['b', 2]] as [string, number][]), sc.parallelize([['a', 3]] as [string, number][]), sc.parallelize([['c', 4], ['b', 5]] as [string, number][])];
  const pairs = ssc.queueStream(rdds);
  const stream = pairs.reduceByKeyAndWindow((a, b) => a + b, null, 1.5, 0.5).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 5);
  await ssc.stop(false);
}
