import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  const orders = [sc.parallelize([['ann', 3], ['bob', 1], ['ann', 2]] as [string, number][]), sc.parallelize([['cid', 7]] as [string, number][])];
  const names = [sc.parallelize([['ann', 'Ann A.'], ['dee', 'Dee D.']] as [string, string | null][]), sc.parallelize([['cid', null]] as [string, string | null][])];
  const left = ssc.queueStream(orders);
  const right = ssc.queueStream(names);
  const inner = left.join(right).transform((rdd) => rdd.sortBy((kv) => [kv[0], kv[1][0]]));
  const outer = left.leftOuterJoin(right).transform((rdd) => rdd.sortBy((kv) => [kv[0], kv[1][0]]));
  inner.pprint();
  outer.pprint();
  const done: number[] = [];
  outer.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 3) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
