// Every DStream operation over queueStream input, checked against PySpark's pprint bytes.
import type { Pair, RDD } from 'rivulet/streaming';
import { block, harness, type Harness } from './dstream-harness';

const T1 = '2024-01-01 00:00:01';
const T2 = '2024-01-01 00:00:02';
const T3 = '2024-01-01 00:00:03';

describe('DStream operations (queueStream, pprint)', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('word count: flatMap, map, reduceByKey print Python tuples in first-seen order', async () => {
    const lines = h.ssc.queueStream([['hello world', 'hello spark'], ['spark']]);
    const counts = lines
      .flatMap((line) => line.split(' '))
      .map((w) => [w, 1] as Pair<string, number>)
      .reduceByKey((a, b) => a + b);
    counts.pprint();
    h.ssc.start();
    const text = await h.runBatches(3);
    expect(text).toBe(block(T1, "('hello', 2)", "('world', 1)", "('spark', 1)") + block(T2, "('spark', 1)") + block(T3));
  });

  test('pprint(num) prints num elements then ...; strings print without quotes', async () => {
    const s = h.ssc.queueStream([['a', 'b', 'c', 'd']]);
    s.pprint(3);
    s.filter((x) => x !== 'a').pprint(3);
    h.ssc.start();
    expect(await h.runBatches(1)).toBe(block(T1, 'a', 'b', 'c', '...') + block(T1, 'b', 'c', 'd'));
  });

  test('map, filter, mapPartitions, count, reduce, countByValue', async () => {
    const nums = h.ssc.queueStream([[1, 2, 3, 2], []]);
    nums.map((x) => x * 10).filter((x) => x > 10).pprint();
    nums.mapPartitions((it) => [[...it].length]).pprint();
    nums.count().pprint();
    nums.reduce((a, b) => a + b).pprint();
    nums.countByValue().pprint();
    h.ssc.start();
    // queueStream slices each list over defaultParallelism (2) partitions; countByValue's keys come
    // out by partition (portable_hash(2) % 2 == 0 first).
    expect(await h.runBatches(1)).toBe(block(T1, '20', '30', '20') + block(T1, '2', '2') + block(T1, '4') + block(T1, '8') + block(T1, '(2, 2)', '(1, 1)', '(3, 1)'));
    // An empty batch: count is 0, reduce has no element; mapPartitions still sees two (empty) partitions.
    expect(await h.runBatches(1)).toBe(block(T2) + block(T2, '0', '0') + block(T2, '0') + block(T2) + block(T2));
  });

  test('groupByKey, mapValues, flatMapValues; grouped values print as lists', async () => {
    const pairs = h.ssc.queueStream([[['a', 1], ['b', 2], ['a', 3]] as Pair<string, number>[]]);
    pairs.groupByKey().pprint();
    pairs.mapValues((v) => v * 2).pprint();
    pairs.flatMapValues((v) => [v, -v]).pprint(4);
    h.ssc.start();
    expect(await h.runBatches(1)).toBe(
      block(T1, "('b', [2])", "('a', [1, 3])") + block(T1, "('a', 2)", "('b', 4)", "('a', 6)") + block(T1, "('a', 1)", "('a', -1)", "('b', 2)", "('b', -2)", '...'),
    );
  });

  test('union and the joins between two streams', async () => {
    const left = h.ssc.queueStream([[['k1', 'x'], ['k2', 'y']] as Pair<string, string>[]]);
    const right = h.ssc.queueStream([[['k1', 1], ['k3', 3]] as Pair<string, number>[]]);
    left.join(right).pprint();
    left.leftOuterJoin(right).pprint();
    left.rightOuterJoin(right).pprint();
    left.fullOuterJoin(right).pprint();
    left.cogroup(right).pprint();
    left.union(left).count().pprint();
    h.ssc.start();
    expect(await h.runBatches(1)).toBe(
      block(T1, "('k1', ('x', 1))") +
        block(T1, "('k1', ('x', 1))", "('k2', ('y', None))") +
        block(T1, "('k1', ('x', 1))", "('k3', (None, 3))") +
        block(T1, "('k1', ('x', 1))", "('k2', ('y', None))", "('k3', (None, 3))") +
        block(T1, "('k1', (['x'], [1]))", "('k2', (['y'], []))", "('k3', ([], [3]))") +
        block(T1, '4'),
    );
  });

  test('transform and foreachRDD receive the RDD, with or without the batch time', async () => {
    const nums = h.ssc.queueStream([[3, 1, 2]]);
    nums.transform((rdd) => rdd.sortBy((x) => x)).pprint();
    const seen: string[] = [];
    nums.foreachRDD((time: Date, rdd: RDD<number>) => seen.push(`${time.toISOString()} ${JSON.stringify(rdd.collect())}`));
    nums.foreachRDD((rdd) => seen.push(String(rdd.count())));
    h.ssc.start();
    expect(await h.runBatches(1)).toBe(block(T1, '1', '2', '3'));
    expect(seen).toEqual(['2024-01-01T00:00:01.000Z [3,1,2]', '3']);
  });

  test('queueStream: oneAtATime=false takes every queued RDD in the first batch; default fills empty batches', async () => {
    h.ssc.queueStream([[1], [2]], false).pprint();
    h.ssc.queueStream([[7]], true, h.sc.parallelize([0])).pprint();
    h.ssc.start();
    expect(await h.runBatches(2)).toBe(block(T1, '1', '2') + block(T1, '7') + block(T2) + block(T2, '0'));
  });

  test('updateStateByKey keeps a running count across batches and drops keys on None', async () => {
    h.ssc.checkpoint(require('node:os').tmpdir() + '/rivulet-dstream-ckpt-' + process.pid);
    const words = h.ssc.queueStream([['a', 'b', 'a'], ['a', 'c'], ['b']]);
    const running = words
      .map((w) => [w, 1] as Pair<string, number>)
      .updateStateByKey((values: number[], state: number | null) => {
        const total = values.reduce((x, y) => x + y, state ?? 0);
        return total >= 3 && values.length === 0 ? null : total;
      });
    running.pprint();
    h.ssc.start();
    expect(await h.runBatches(4)).toBe(
      block(T1, "('b', 1)", "('a', 2)") + block(T2, "('b', 1)", "('c', 1)", "('a', 3)") + block(T3, "('b', 2)", "('c', 1)") + block('2024-01-01 00:00:04', "('b', 2)", "('c', 1)"),
    );
    require('node:fs').rmSync(require('node:os').tmpdir() + '/rivulet-dstream-ckpt-' + process.pid, { recursive: true, force: true });
  });

  test('narrow steps are fused and recomputed per key-operation reader, as in Spark; cache() computes once', async () => {
    let plainCalls = 0;
    let cachedCalls = 0;
    const s = h.ssc.queueStream([[1, 2, 2]]);
    const plain = s.map((x) => (plainCalls++, x + 1));
    const cached = s.map((x) => (cachedCalls++, x + 1)).cache();
    plain.countByValue().pprint();
    plain.map((x) => [x % 2, x] as Pair<number, number>).reduceByKey((a, b) => a + b).pprint();
    cached.countByValue().pprint();
    cached.map((x) => [x % 2, x] as Pair<number, number>).reduceByKey((a, b) => a + b).pprint();
    h.ssc.start();
    const twice = block(T1, '(2, 1)', '(3, 2)') + block(T1, '(0, 2)', '(1, 6)');
    expect(await h.runBatches(1)).toBe(twice + twice);
    expect(plainCalls).toBe(6);
    expect(cachedCalls).toBe(3);
  });
});
