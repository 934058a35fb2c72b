// DataFrame partitions as df.rdd, foreachPartition and collect see them. Every expectation was
// recorded from PySpark 4.2.0 (local[2], adaptive execution on) running the same calls.
import type { StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';
import { newSession } from '../support/session';

const tuples = (parts: unknown[][]): unknown[][][] => parts.map((p) => p.map((r) => Object.values(JSON.parse(JSON.stringify(r)) as Record<string, unknown>)));

describe('DataFrame partitions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.master': 'local[2]' });
  });
  afterEach(() => spark.stop());

  const frame = () => spark.createDataFrame(Array.from({ length: 10 }, (_, i) => [i, `s${i % 3}`]), 'a int, s string');

  test("createDataFrame of local data: parallelize's slices over defaultParallelism", () => {
    const df = frame();
    expect(df.rdd.getNumPartitions()).toBe(2);
    expect(tuples(df.rdd.glom().collect())).toEqual([
      [[0, 's0'], [1, 's1'], [2, 's2'], [3, 's0'], [4, 's1']],
      [[5, 's2'], [6, 's0'], [7, 's1'], [8, 's2'], [9, 's0']],
    ]);
    expect(tuples(spark.createDataFrame([[1]], 'a int').rdd.glom().collect())).toEqual([[], [[1]]]);
    expect(spark.createDataFrame([], 'a int').rdd.getNumPartitions()).toBe(2);
  });

  test('spark.range slices by position (defaultParallelism or numPartitions)', () => {
    expect(tuples(spark.range(10).rdd.glom().collect())).toEqual([[[0], [1], [2], [3], [4]], [[5], [6], [7], [8], [9]]]);
    expect(tuples(spark.range(0, 10, 1, 3).rdd.glom().collect())).toEqual([[[0], [1], [2]], [[3], [4], [5]], [[6], [7], [8], [9]]]);
  });

  test('repartition(n, cols): pmod(murmur3(cols), n), parent partitions in order; narrow steps keep it', () => {
    const df = frame();
    expect(tuples(df.repartition(3, 'a').rdd.glom().collect())).toEqual([[[0, 's0'], [2, 's2'], [3, 's0'], [4, 's1'], [5, 's2'], [7, 's1'], [8, 's2'], [9, 's0']], [[1, 's1'], [6, 's0']], []]);
    expect(tuples(df.repartition(3, 's').rdd.glom().collect())).toEqual([
      [[2, 's2'], [5, 's2'], [8, 's2']],
      [[1, 's1'], [4, 's1'], [7, 's1']],
      [[0, 's0'], [3, 's0'], [6, 's0'], [9, 's0']],
    ]);
    expect(tuples(df.repartition(3, 'a').select('a').where('a > 2').rdd.glom().collect())).toEqual([[[3], [4], [5], [7], [8], [9]], [[6]], []]);
    // collect() reads the partitions in order.
    expect(df.repartition(3, col('s')).collect().map((r) => r.a)).toEqual([2, 5, 8, 1, 4, 7, 0, 3, 6, 9]);
  });

  test('repartition(cols) without n: adaptive execution coalesces the shuffle into one partition, map output by map output', () => {
    const df = frame().repartition('s');
    expect(df.rdd.getNumPartitions()).toBe(1);
    expect(tuples(df.rdd.glom().collect())).toEqual([[[2, 's2'], [0, 's0'], [3, 's0'], [1, 's1'], [4, 's1'], [5, 's2'], [8, 's2'], [6, 's0'], [9, 's0'], [7, 's1']]]);
  });

  test('repartitionByRange: bounds from the sorted keys (every row sampled at this size)', () => {
    const df = frame();
    expect(tuples(df.repartitionByRange(3, 'a').rdd.glom().collect())).toEqual([
      [[0, 's0'], [1, 's1'], [2, 's2'], [3, 's0']],
      [[4, 's1'], [5, 's2'], [6, 's0']],
      [[7, 's1'], [8, 's2'], [9, 's0']],
    ]);
    expect(tuples(df.repartitionByRange(2, col('s').desc()).rdd.glom().collect())).toEqual([
      [[1, 's1'], [2, 's2'], [4, 's1'], [5, 's2'], [7, 's1'], [8, 's2']],
      [[0, 's0'], [3, 's0'], [6, 's0'], [9, 's0']],
    ]);
  });

  test('coalesce merges neighbouring partitions', () => {
    expect(tuples(frame().coalesce(1).rdd.glom().collect())).toEqual([[[0, 's0'], [1, 's1'], [2, 's2'], [3, 's0'], [4, 's1'], [5, 's2'], [6, 's0'], [7, 's1'], [8, 's2'], [9, 's0']]]);
    expect(tuples(spark.range(0, 10, 1, 5).coalesce(2).rdd.glom().collect())).toEqual([[[0], [1], [2], [3]], [[4], [5], [6], [7], [8], [9]]]);
  });

  test("repartition(n): each partition sorted by UnsafeRow hash, then dealt round-robin from XORShiftRandom's start", () => {
    const df = frame();
    expect(tuples(df.repartition(3).rdd.glom().collect())).toEqual([
      [[0, 's0'], [2, 's2'], [6, 's0']],
      [[3, 's0'], [4, 's1'], [9, 's0'], [5, 's2']],
      [[1, 's1'], [8, 's2'], [7, 's1']],
    ]);
    expect(df.repartition(3).collect().map((r) => r.a)).toEqual([0, 2, 6, 3, 4, 9, 5, 1, 8, 7]);
    const big = spark.range(100).repartition(4).rdd.glom().collect();
    expect(big.map((p) => p.length)).toEqual([24, 26, 26, 24]);
    expect(big.map((p) => p.slice(0, 3).map((r) => Number(r.id)))).toEqual([[11, 28, 38], [19, 22, 13], [26, 14, 46], [43, 20, 3]]);
  });

  test('repartition(n) has n partitions; foreachPartition is called once per partition', () => {
    const df = frame().repartition(4);
    expect(df.rdd.getNumPartitions()).toBe(4);
    let calls = 0;
    let rows = 0;
    df.foreachPartition((it) => {
      calls++;
      for (const _ of { [Symbol.iterator]: () => it }) rows++;
    });
    expect(calls).toBe(4);
    expect(rows).toBe(10);
  });

  test('after a shuffle (groupBy, distinct, orderBy, join) adaptive execution reports one partition', () => {
    const df = frame();
    expect(df.groupBy('s').count().rdd.getNumPartitions()).toBe(1);
    expect(df.select('s').distinct().rdd.getNumPartitions()).toBe(1);
    expect(df.orderBy('a').rdd.getNumPartitions()).toBe(1);
    expect(df.join(df.select('s').distinct(), 's').rdd.getNumPartitions()).toBe(1);
  });
});
