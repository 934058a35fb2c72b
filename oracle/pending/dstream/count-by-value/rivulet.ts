import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize(['a', 'b', 'a', 'c', 'a']), sc.parallelize(['b', 'b'])];
  const source = ssc.queueStream(rdds);
  source.count().pprint();
  source.map((x) => x.length).reduce((a, b) => a + b).pprint();
  const stream = source.countByValue().transform((rdd) => rdd.sortByKey());
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 3) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
