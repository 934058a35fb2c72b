import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize([['a', 1], ['b', 2]] as [string, number][]), sc.parallelize([['a', 3]] as [string, number][]), sc.parallelize([['c', 4], ['b', 5]] as [string, number][])];
  const pairs = ssc.queueStream(rdds);
  const stream = pairs.reduceByKeyAndWindow((a, b) => a + b, null, 1.5, 0.5).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 5) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
