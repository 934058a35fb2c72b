import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize<unknown>([['k', 1], ['k', null], ['j', 2.5], ['i', true], ['h', 's']]), sc.parallelize<unknown>(['x', 'y', 'z'])];
  const stream = ssc.queueStream(rdds);
  stream.pprint(3);
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
