import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  ssc.checkpoint(dir + '/chk');
  const rdds = [sc.parallelize(['a', 'b']), sc.parallelize(['a']), sc.parallelize(['c', 'a', 'b'])];
  const words = ssc.queueStream(rdds);
  words.countByWindow(1.0, 0.5).pprint();
  const by_value = words.countByValueAndWindow(1.0, 0.5).transform((rdd) => rdd.sortByKey());
  by_value.pprint();
  const done: number[] = [];
  by_value.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 5) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
