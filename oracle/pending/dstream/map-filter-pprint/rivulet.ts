import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize([1, 2, 3, 4]), sc.parallelize([5, 6]), sc.parallelize([7, 8, 9])];
  const stream = ssc.queueStream(rdds).map((x) => x * 10).filter((x) => x !== 20);
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 4) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
