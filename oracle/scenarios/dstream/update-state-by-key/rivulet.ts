import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  ssc.checkpoint(dir + '/chk');
  const rdds = [sc.parallelize([['x', 1], ['y', 1]] as [string, number][]), sc.parallelize([['x', 2]] as [string, number][]), sc.parallelize([['z', 5], ['x', 1]] as [string, number][])];

  const update = (newValues: number[], last: number | null): number => newValues.reduce((a, b) => a + b, 0) + (last ?? 0);

  const stream = ssc.queueStream(rdds).updateStateByKey(update).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  ssc.start();
  await run_batches(ssc, 4);
  await ssc.stop(false);
}
