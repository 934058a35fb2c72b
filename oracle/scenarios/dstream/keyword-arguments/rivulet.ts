import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  ssc.checkpoint(dir + '/chk');
  const pairs = ssc.queueStream<[string, number]>([[['a', 1], ['b', 2]], [['a', 3]]], { oneAtATime: true, default: sc.parallelize([['z', 0] as [string, number]]) });
  pairs.window(1.0, { slideDuration: 0.5 }).pprint({ num: 2 });
  pairs.reduceByKeyAndWindow((x, y) => x + y, null, { windowDuration: 1.0, slideDuration: 0.5 }).transform((rdd) => rdd.sortByKey()).pprint();
  const initial = sc.parallelize([['a', 100] as [string, number]]);
  pairs.updateStateByKey((vs: number[], s: number | null) => vs.reduce((a, b) => a + b, 0) + (s || 0), { initialRDD: initial }).transform((rdd) => rdd.sortByKey()).pprint({ num: 5 });
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop({ stopSparkContext: false, stopGraceFully: false });
}
