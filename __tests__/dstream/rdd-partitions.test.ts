// The RDD bridge of spark.sparkContext: parallelize keeps Spark's slices as partitions. Every
// expectation was recorded from PySpark 4.2.0 (local[2]) running the same calls.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StreamSession } from 'rivulet';
import { SparkContext } from 'rivulet';
import { newSession } from '../support/session';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('spark.sparkContext RDD bridge', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.master': 'local[2]' });
  });
  afterEach(() => spark.stop());

  test('parallelize slices a list as PySpark does (batches of len / numSlices, spread evenly)', () => {
    const sc = spark.sparkContext;
    expect(plain(sc.parallelize(range(10), 4).glom().collect())).toEqual([[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]);
    expect(plain(sc.parallelize(range(10), 3).glom().collect())).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]);
    expect(plain(sc.parallelize(range(5), 8).glom().collect())).toEqual([[], [0], [], [1], [2], [], [3], [4]]);
    expect(plain(sc.parallelize([], 3).glom().collect())).toEqual([[], [], []]);
    expect(plain(sc.parallelize('abcdefg', 3).glom().collect())).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f', 'g']]);
  });

  test('without numSlices: defaultParallelism partitions (2 for local[2])', () => {
    const sc = spark.sparkContext;
    expect(sc.defaultParallelism).toBe(2);
    const rdd = sc.parallelize([1, 2, 3, 4, 5, 6, 7]);
    expect(rdd.getNumPartitions()).toBe(2);
    expect(plain(rdd.glom().collect())).toEqual([[1, 2, 3], [4, 5, 6, 7]]);
  });

  test('sc.range slices by position in the range', () => {
    expect(plain(spark.sparkContext.range(0, 10, 2, 3).glom().collect())).toEqual([[0], [2, 4], [6, 8]]);
  });

  test('narrow transformations keep the partitions; mapPartitions and mapPartitionsWithIndex see them', () => {
    const sc = spark.sparkContext;
    expect(plain(sc.parallelize(range(10), 4).filter((x) => x % 3 === 0).glom().collect())).toEqual([[0], [3], [], [6, 9]]);
    expect(plain(sc.parallelize(range(10), 4).mapPartitionsWithIndex((i, it) => [[i, [...it]]]).collect())).toEqual([[0, [0, 1]], [1, [2, 3]], [2, [4, 5]], [3, [6, 7, 8, 9]]]);
    expect(sc.parallelize(range(10), 3).mapPartitionsWithIndex((i, it) => [[i, [...it].reduce((a, b) => a + b, 0)]]).collect()).toEqual([[0, 3], [1, 12], [2, 30]]);
    expect(sc.parallelize(range(10), 4).mapPartitions((it) => [[...it].length]).collect()).toEqual([2, 2, 2, 4]);
  });

  test('coalesce merges neighbouring partitions and never adds any', () => {
    const sc = spark.sparkContext;
    expect(plain(sc.parallelize(range(10), 3).coalesce(2).glom().collect())).toEqual([[0, 1, 2], [3, 4, 5, 6, 7, 8, 9]]);
    expect(plain(sc.parallelize(range(12), 6).coalesce(4).glom().collect())).toEqual([[0, 1], [2, 3, 4, 5], [6, 7], [8, 9, 10, 11]]);
    expect(sc.parallelize(range(10), 3).coalesce(5).getNumPartitions()).toBe(3);
  });

  test("repartition deals batches of 10 round-robin from Spark's XORShiftRandom position", () => {
    const sc = spark.sparkContext;
    expect(plain(sc.parallelize(range(10), 3).repartition(4).glom().collect())).toEqual([[6, 7, 8, 9], [0, 1, 2, 3, 4, 5], [], []]);
    expect(plain(sc.parallelize(range(10), 3).repartition(2).glom().collect())).toEqual([[6, 7, 8, 9], [0, 1, 2, 3, 4, 5]]);
    expect(plain(sc.parallelize(range(25), 2).repartition(5).glom().collect())).toEqual([[10, 11, 22, 23, 24], [], [], [], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]]);
  });

  test('cartesian pairs partition i with partition j; union appends partitions', () => {
    const sc = spark.sparkContext;
    expect(plain(sc.parallelize([1, 2, 3], 2).cartesian(sc.parallelize(['x', 'y', 'z'], 2)).glom().collect())).toEqual([
      [[1, 'x']],
      [[1, 'y'], [1, 'z']],
      [[2, 'x'], [3, 'x']],
      [[2, 'y'], [2, 'z'], [3, 'y'], [3, 'z']],
    ]);
    expect(plain(sc.parallelize([1, 2, 3], 2).union(sc.parallelize([4, 5], 1)).glom().collect())).toEqual([[1], [2, 3], [4, 5]]);
  });

  test("textFile splits the file as Hadoop's TextInputFormat (minPartitions, then lines by split start)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-textfile-'));
    try {
      const file = path.join(dir, 't.txt');
      fs.writeFileSync(file, 'a\nb\nc\nd\ne\n');
      const sc = spark.sparkContext;
      expect(sc.textFile(file).getNumPartitions()).toBe(2);
      expect(plain(sc.textFile(file, 3).glom().collect())).toEqual([['a', 'b'], ['c', 'd'], ['e'], []]);
      expect(sc.textFile(file).collect()).toEqual(['a', 'b', 'c', 'd', 'e']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('getConf, rdd.context, setCheckpointDir', () => {
    const sc = spark.sparkContext;
    expect(sc.getConf().get('spark.master')).toBe('local[2]');
    expect(sc.getConf().get('no.such.key', 'fallback')).toBe('fallback');
    expect(sc.parallelize([1]).context).toBe(sc);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-ckpt-'));
    try {
      expect(sc.getCheckpointDir()).toBeNull();
      sc.setCheckpointDir(dir);
      const made = sc.getCheckpointDir()!;
      expect(made.startsWith(`file:${dir}/`)).toBe(true);
      expect(fs.statSync(made.slice(5)).isDirectory()).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('createDataFrame(rdd) and rdd.toDF() as PySpark names the columns', () => {
    const sc = spark.sparkContext;
    expect(spark.createDataFrame(sc.parallelize([[1, 'a'], [2, 'b']])).collect().map((r) => r.asDict())).toEqual([{ _1: 1, _2: 'a' }, { _1: 2, _2: 'b' }]);
    expect(sc.parallelize([[1, 'a'], [2, 'b']]).toDF().columns).toEqual(['_1', '_2']);
    expect(sc.parallelize([[1, 'a'], [2, 'b']]).toDF(['n', 's']).collect().map((r) => r.asDict())).toEqual([{ n: 1, s: 'a' }, { n: 2, s: 'b' }]);
  });

  test('a SparkContext built by hand slices the same way', () => {
    const sc = SparkContext.of(spark);
    expect(plain(sc.parallelize(range(10), 4).glom().collect())).toEqual([[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]);
  });
});
