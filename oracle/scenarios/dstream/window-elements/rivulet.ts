import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize([1, 2]), sc.parallelize([3]), sc.parallelize([4, 5])];
  const stream = ssc.queueStream(rdds).window(1.0, 0.5);
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 5);
  await ssc.stop(false);
}
