import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize(['a', 'b', 'a', 'c', 'a']), sc.parallelize(['b', 'b'])];
  const source = ssc.queueStream(rdds);
  source.count().pprint();
  source.map((x) => x.length).reduce((a, b) => a + b).pprint();
  const stream = source.countByValue().transform((rdd) => rdd.sortByKey());
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
