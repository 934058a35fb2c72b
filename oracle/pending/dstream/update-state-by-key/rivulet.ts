import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  ssc.checkpoint(dir + '/chk');
  const rdds = [sc.parallelize([['x', 1], ['y', 1]] as [string, number][]), sc.parallelize([['x', 2]] as [string, number][]), sc.parallelize([['z', 5], ['x', 1]] as [string, number][])];

  const update = (newValues: number[], last: number | null): number => newValues.reduce((a, b) => a + b, 0) + (last ?? 0);

  const stream = ssc.queueStream(rdds).updateStateByKey(update).transform((rdd) => rdd.sortByKey());
  stream.pprint();
  const done: number[] = [];
  stream.foreachRDD((rdd) => done.push(1));
  ssc.start();
  while (done.length < 4) {
    await ssc.awaitTerminationOrTimeout(0.05);
  }
  await ssc.stop(false);
}
