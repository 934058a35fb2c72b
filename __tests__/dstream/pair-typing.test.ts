// DStream and RDD pair operations are typed without casts in the common cases (issue 11, point 4):
// `map((w) => [w, 1])` gives pairs `[string, number]`, as a Python tuple, so `reduceByKey((a, b) =>
// a + b)` adds numbers; parallelize and queueStream of pair literals are pairs too. This file is
// type-checked by `tsc --noEmit` (tsconfig includes __tests__): the `Exactly` assertions fail the
// compile when an inferred type drifts; the runtime expectations check the values.
import { SparkContext, type DStream, type RDD } from 'rivulet/streaming';
import { harness, block, type Harness } from './dstream-harness';

/** `true` only when A and B are the same type. */
type Exactly<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;
function assertType<A, B>(_value: A, _same: Exactly<A, B>): void {}
const same = <A, B>(a: A, check: Exactly<A, B>): A => (assertType<A, B>(a, check), a);

describe('RDD', () => {
  let sc: SparkContext;
  beforeEach(() => {
    sc = new SparkContext('local[1]', 'typing');
  });
  afterEach(() => sc.stop());

  test('word count without a cast', () => {
    const counts = sc.parallelize(['a b', 'a']).flatMap((line) => line.split(' ')).map((w) => [w, 1]).reduceByKey((a, b) => a + b);
    same<typeof counts, RDD<[string, number]>>(counts, true);
    const total: number = counts.collect().reduce((n, [, c]) => n + c, 0);
    expect(counts.collect()).toEqual([['a', 2], ['b', 1]]);
    expect(total).toBe(3);
  });

  test('parallelize of pair literals gives pairs; other results keep their types', () => {
    const pairs = sc.parallelize([['b', 2], ['a', 1]]);
    same<typeof pairs, RDD<[string, number]>>(pairs, true);
    expect(pairs.sortByKey().collect()).toEqual([['a', 1], ['b', 2]]);
    const words = sc.parallelize(['x y']).map((s) => s.split(' '));
    same<typeof words, RDD<string[]>>(words, true);
    const literal = sc.parallelize([1]).map(() => 'x');
    same<typeof literal, RDD<string>>(literal, true);
    const parsed = sc.parallelize(['{"a":1}']).map((s) => JSON.parse(s) as { a: number });
    same<typeof parsed, RDD<{ a: number }>>(parsed, true);
    const maybe = sc.parallelize([1, 2]).map((x) => (x > 1 ? x : null));
    same<typeof maybe, RDD<number | null>>(maybe, true);
    expect(maybe.collect()).toEqual([null, 2]);
  });
});

describe('DStream', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.close());

  test('pair operations without `as [string, number]`', async () => {
    const words = h.ssc.queueStream([['spark a', 'spark']]).flatMap((line) => line.split(' '));
    const counts = words.map((w) => [w, 1]).reduceByKey((a, b) => a + b);
    same<typeof counts, DStream<[string, number]>>(counts, true);
    counts.mapValues((n) => n * 10).pprint();
    const queued = h.ssc.queueStream([[['k', 1]]]);
    same<typeof queued, DStream<[string, number]>>(queued, true);
    queued.join(counts).pprint();
    h.ssc.start();
    expect(await h.runBatches(1)).toBe(block('2024-01-01 00:00:01', "('spark', 20)", "('a', 10)") + block('2024-01-01 00:00:01'));
  });
});
