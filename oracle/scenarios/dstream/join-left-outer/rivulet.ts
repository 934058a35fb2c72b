import { SparkContext } from 'rivulet/streaming';
import { manual_clock_streaming_context, run_batches } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = manual_clock_streaming_context(sc, 0.5);
  const orders = [sc.parallelize([['ann', 3], ['bob', 1], ['ann', 2]] as [string, number][]), sc.parallelize([['cid', 7]] as [string, number][])];
  const names = [sc.parallelize([['ann', 'Ann A.'], ['dee', 'Dee D.']] as [string, string | null][]), sc.parallelize([['cid', null]] as [string, string | null][])];
  const left = ssc.queueStream(orders);
  const right = ssc.queueStream(names);
  const inner = left.join(right).transform((rdd) => rdd.sortBy((kv) => [kv[0], kv[1][0]]));
  const outer = left.leftOuterJoin(right).transform((rdd) => rdd.sortBy((kv) => [kv[0], kv[1][0]]));
  inner.pprint();
  outer.pprint();
  ssc.start();
  await run_batches(ssc, 3);
  await ssc.stop(false);
}
