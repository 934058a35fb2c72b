import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize(['to be or', 'not to be']), sc.parallelize(['that is the question', 'to be'])];
  const words = ssc.queueStream(rdds).flatMap((line) => line.split(' '));
  const stream = words.map((w) => [w, 1] as [string, number]).reduceByKey((a, b) => a + b).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
