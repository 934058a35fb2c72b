import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  ssc.checkpoint(dir + '/chk');
  const rdds = [sc.parallelize(['a', 'b']), sc.parallelize(['a']), sc.parallelize(['c', 'a', 'b'])];
  const words = ssc.queueStream(rdds);
  words.countByWindow(1.0, 0.5).pprint();
  const by_value = words.countByValueAndWindow(1.0, 0.5).transform((rdd) => rdd.sortByKey());
  by_value.pprint();
  ssc.start();
  await run_batches(ssc, 5);
  await ssc.stop(false);
}
