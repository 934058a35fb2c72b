import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize([1, 2]), sc.parallelize([3]), sc.parallelize([4, 5])];
  const stream = ssc.queueStream(rdds).window(1.0, 0.5);
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 5) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
