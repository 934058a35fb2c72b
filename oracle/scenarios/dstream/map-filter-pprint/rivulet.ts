import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const rdds = [sc.parallelize([1, 2, 3, 4]), sc.parallelize([5, 6]), sc.parallelize([7, 8, 9])];
  const stream = ssc.queueStream(rdds).map((x) => x * 10).filter((x) => x !== 20);
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 4);
  await ssc.stop(false);
}
