import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const left = ssc.queueStream([sc.parallelize([3, 1, 2]), sc.parallelize([9])]);
  const right = ssc.queueStream([sc.parallelize([2, 4]), sc.parallelize([8, 9])]);
  const stream = left.union(right).transform((rdd) => rdd.distinct().sortBy((x) => x));
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 3) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
