import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize(['to be or', 'not to be']), sc.parallelize(['that is the question', 'to be'])];
  const words = ssc.queueStream(rdds).flatMap((line) => line.split(' '));
  const stream = words.map((w) => [w, 1] as [string, number]).reduceByKey((a, b) => a + b).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 3) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
