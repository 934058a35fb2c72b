// DataFrame.sample / randomSplit / sampleBy / hint / transform, every expectation recorded from
// PySpark 4.2.0 under local[1] (one partition; the session here too): Spark's Bernoulli sampler is one
// XORShiftRandom(seed + partition) draw per row, its Poisson sampler draws from commons-math3's
// Well19937c seeded by java.util.Random(seed).nextLong(), so a seed gives Spark's rows.
import { IllegalArgumentException, PySparkAssertionError, PySparkTypeError, PySparkValueError, AnalysisException } from 'rivulet';
import type { DataFrame, StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';
import { setLogSink } from '../../lib/util/logger';
import { newSession } from '../support/session';

let spark: StreamSession;
beforeEach(() => {
  // The recordings' layout: one partition (sampling draws per partition, as Spark's).
  spark = newSession({ 'spark.master': 'local[1]' });
});
afterEach(() => spark.stop());

const ids = (df: DataFrame): number[] => df.collect().map((r) => Number(r.id ?? r.x));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

test.each<[string, (df: DataFrame) => DataFrame, number[]]>([
  ['sample(0.3, 42)', (df) => df.sample(0.3, 42), [3, 7, 16, 18]],
  ['sample(false, 0.5, 7)', (df) => df.sample(false, 0.5, 7), [0, 1, 6, 8, 11, 13, 15, 17, 19]],
  ['sample({ fraction: 0.5, seed: 1 })', (df) => df.sample({ fraction: 0.5, seed: 1 }), [2, 3, 6, 7, 8, 11, 12, 18]],
  ['sample(0.5, 1.7) (seed int(1.7) = 1)', (df) => df.sample(0.5, 1.7), [2, 3, 6, 7, 8, 11, 12, 18]],
  ['sample(true, 0.5, 7) (Poisson)', (df) => df.sample(true, 0.5, 7), [0, 3, 7, 7, 9, 10, 11, 11, 15, 17]],
  [
    'sample(true, 2.0, 7) (Poisson, fraction above 1)',
    (df) => df.sample(true, 2.0, 7),
    [0, 0, 2, 2, 3, 4, 4, 4, 4, 4, 5, 6, 6, 6, 7, 8, 8, 8, 8, 9, 10, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 15, 16, 16, 17, 17, 18, 18, 19, 19],
  ],
])('spark.range(20).%s gives PySpark\'s rows', (_what, sample, expected) => {
  expect(ids(sample(spark.range(20)))).toEqual(expected);
});

test('under local[2] each partition samples from seed + its index (PySpark 4.2.0 local[2])', async () => {
  const two = newSession({ 'spark.master': 'local[2]' });
  try {
    const r = two.range(20);
    expect(ids(r.sample(0.3, 42))).toEqual([3, 7, 12, 13, 19]);
    expect(ids(r.sample(true, 0.5, 7))).toEqual([0, 3, 7, 7, 9, 10, 11, 15, 16, 18]);
    expect(r.randomSplit([1.0, 2.0], 5).map(ids)).toEqual([
      [0, 1, 5, 6, 8, 9, 10, 16, 18],
      [2, 3, 4, 7, 11, 12, 13, 14, 15, 17, 19],
    ]);
  } finally {
    await two.stop();
  }
});

test('sample of createDataFrame rows, of a stream, and its columns', () => {
  const df = spark.createDataFrame([...Array(10).keys()].map((i) => [i]), ['x']);
  expect(ids(df.sample(0.5, 3))).toEqual([0, 4, 5, 8]);
  expect(df.sample(0.5, 3).columns).toEqual(['x']);
  // Spark builds the streaming DataFrame, then refuses Sample when the query starts.
  const sampled = spark.readStream.format('rate').load().sample(0.5, 1);
  expect(sampled.isStreaming).toBe(true);
  expect(() => sampled.writeStream.format('noop').start()).toThrow(/^Sampling is not supported on streaming DataFrames\/Datasets;/);
  // Without a seed PySpark picks one: some subset of the rows.
  expect(spark.range(20).sample(null, 0.5).count()).toBeLessThanOrEqual(20);
});

test.each<[string, (df: DataFrame) => unknown, Function, string]>([
  ['sample()', (df) => (df as Loose).sample(), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `withReplacement (optional), fraction (required) and seed (optional)` should be bool, float or int, got NoneType, NoneType, NoneType.'],
  ['sample("x")', (df) => (df as Loose).sample('x'), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `withReplacement (optional), fraction (required) and seed (optional)` should be bool, float or int, got str, NoneType, NoneType.'],
  ['sample(true)', (df) => (df as Loose).sample(true), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `withReplacement (optional), fraction (required) and seed (optional)` should be bool, float or int, got bool, NoneType, NoneType.'],
  ['sample(-0.1)', (df) => df.sample(-0.1), IllegalArgumentException, 'requirement failed: Sampling fraction (-0.1) must be on interval [0, 1] without replacement'],
  ['sample(1.5)', (df) => df.sample(1.5), IllegalArgumentException, 'requirement failed: Sampling fraction (1.5) must be on interval [0, 1] without replacement'],
  ['sample(true, -0.5, 1)', (df) => df.sample(true, -0.5, 1), IllegalArgumentException, 'requirement failed: Sampling fraction (-0.5) must be nonnegative with replacement'],
  ['randomSplit([-1.0, 2.0])', (df) => df.randomSplit([-1.0, 2.0], 1), PySparkValueError, "[VALUE_NOT_POSITIVE] Value for `weights` must be positive, got '-1.0'."],
  ['randomSplit([0.0, 0.0])', (df) => df.randomSplit([0.0, 0.0], 1), IllegalArgumentException, 'requirement failed: Sum of weights must be positive, but got [0.0,0.0]'],
  ['hint(5)', (df) => df.hint(5 as Loose), PySparkTypeError, '[NOT_EXPECTED_TYPE] Argument `name` should be str, got int.'],
  ['hint("x", {})', (df) => df.hint('x', {}), PySparkTypeError, '[DISALLOWED_TYPE_FOR_CONTAINER] Argument `parameters`(type: tuple) should only contain a type in [str, float, int, Column, list[str], list[float], list[int]], got dict'],
  ['hint("x", null)', (df) => df.hint('x', null), PySparkTypeError, '[DISALLOWED_TYPE_FOR_CONTAINER] Argument `parameters`(type: tuple) should only contain a type in [str, float, int, Column, list[str], list[float], list[int]], got NoneType'],
  ['hint("coalesce")', (df) => df.hint('coalesce'), AnalysisException, 'COALESCE Hint expects a partition number as a parameter.'],
  ['hint("coalesce", 1.5)', (df) => df.hint('coalesce', 1.5), AnalysisException, 'COALESCE Hint expects a partition number as a parameter.'],
  ['hint("coalesce", "id")', (df) => df.hint('coalesce', 'id'), AnalysisException, 'COALESCE Hint expects a partition number as a parameter.'],
  ['hint("broadcast", 1)', (df) => df.hint('broadcast', 1), AnalysisException, 'Join strategy hint parameter should be an identifier or string but was "1" (class org.apache.spark.sql.catalyst.expressions.Literal).'],
  ['hint("repartition", 0)', (df) => df.hint('repartition', 0), IllegalArgumentException, 'requirement failed: Number of partitions (0) must be positive.'],
  ['hint("repartition", "x")', (df) => df.hint('repartition', 'x'), AnalysisException, '[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `x` cannot be resolved. Did you mean one of the following? [`id`]. SQLSTATE: 42703'],
  ['transform(() => 5)', (df) => df.transform((() => 5) as Loose), PySparkAssertionError, "Func returned an instance of type [<class 'int'>], should have been DataFrame."],
])('%s raises PySpark\'s error', (_what, call, errorClass, message) => {
  let error: unknown;
  try {
    call(spark.range(20));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toBe(message);
});

test('randomSplit sorts each partition by its columns, then samples slices of the cumulative weights', () => {
  expect(spark.range(20).randomSplit([0.5, 0.5], 42).map(ids)).toEqual([
    [3, 7, 10, 12, 16, 18],
    [0, 1, 2, 4, 5, 6, 8, 9, 11, 13, 14, 15, 17, 19],
  ]);
  expect(spark.range(20).randomSplit([1.0, 2.0], 1).map(ids)).toEqual([
    [2, 3, 6, 7, 11, 12, 18],
    [0, 1, 4, 5, 8, 9, 10, 13, 14, 15, 16, 17, 19],
  ]);
  const reversed = spark.createDataFrame([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((i) => [i]), ['x']);
  expect(reversed.randomSplit([0.5, 0.5], 5).map(ids)).toEqual([
    [1, 2, 5, 6, 7, 9, 10],
    [3, 4, 8],
  ]);
});

test('sampleBy keeps rows whose draw is below their stratum fraction (PySpark docs example)', () => {
  const dataset = spark.range(0, 100).select(col('id').mod(3).alias('key'));
  const sampled = dataset.sampleBy('key', new Map([[0, 0.1], [1, 0.2]]), 0);
  expect(sampled.groupBy('key').count().orderBy('key').collect().map((r) => [r.key, r.count])).toEqual([
    [0, 3],
    [1, 8],
  ]);
});

test('hints: join and rebalance hints keep the rows, unknown hints warn as Spark and are dropped', () => {
  const lines: string[] = [];
  const restore = setLogSink((l) => lines.push(l));
  try {
    const df = spark.range(3);
    for (const name of ['broadcast', 'BROADCAST', 'merge', 'shuffle_hash', 'shuffle_replicate_nl', 'rebalance']) expect(df.hint(name).count()).toBe(3);
    expect(df.hint('nope', 1, 'a').count()).toBe(3);
    expect(df.hint('x', ['a', 'b']).count()).toBe(3);
    expect(() => spark.range(3).sampleBy('id', { 0: 1.5 }, 0)).toThrow('requirement failed: Fractions must be in [0, 1], but got Map(0 -> 1.5).');
  } finally {
    restore();
  }
  expect(lines.map((l) => l.replace(/^\S+ \S+ /, ''))).toEqual(['WARN HintErrorLogger: Unrecognized hint: nope(1, a)\n', 'WARN HintErrorLogger: Unrecognized hint: x(a, b)\n']);
});

test('transform passes the DataFrame and the extra arguments', () => {
  expect(ids(spark.range(20).transform((d, n: number) => d.limit(n), 2))).toEqual([0, 1]);
});
