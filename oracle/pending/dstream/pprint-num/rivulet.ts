import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const rdds = [sc.parallelize<unknown>([['k', 1], ['k', null], ['j', 2.5], ['i', true], ['h', 's']]), sc.parallelize<unknown>(['x', 'y', 'z'])];
  const stream = ssc.queueStream(rdds);
  stream.pprint(3);
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 3) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
