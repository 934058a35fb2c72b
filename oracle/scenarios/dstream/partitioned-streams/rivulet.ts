import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  ssc.checkpoint(dir + '/checkpoint');
  const batches = ['the quick brown fox jumps over the lazy dog'.split(' '), 'the end of the story fox'.split(' '), 'a dog and a fox'.split(' ')];
  const words = ssc.queueStream(batches);
  words.glom().pprint();
  const pairs = words.map((w) => [w, 1] as [string, number]);
  const counts = pairs.reduceByKey((a, b) => a + b);
  counts.glom().pprint();
  pairs.reduceByKey((a, b) => a + b, 3).glom().pprint();
  pairs.groupByKey().mapValues((vs) => vs.length).glom().pprint();
  pairs.partitionBy(3).glom().pprint();
  counts.window(1.0, 0.5).glom().pprint();
  const lengths = words.map((w) => [w, w.length] as [string, number]);
  counts.join(lengths).glom().pprint();
  pairs.updateStateByKey((values: number[], state: number | null) => values.reduce((a, b) => a + b, 0) + (state ?? 0)).glom().pprint();
  words.countByValue().pprint();
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
