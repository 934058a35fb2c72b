// Local rows (VALUES, a memory sink's table) are partitioned as Spark's LocalTableScan slices them:
// min(rows, defaultParallelism) parts of the rows left after the projections and filters Spark
// folds into the relation. Expected values printed by PySpark 4.2.0 with local[2].
import { type StreamSession } from 'rivulet';
import { newSession } from '../support/session';

describe('LocalTableScan partitions', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.master': 'local[2]' });
  });
  afterEach(() => spark.stop());

  const glom = (df: { rdd: { glom(): { collect(): unknown[][] } } }) => df.rdd.glom().collect().map((part) => part.map((r) => (r as unknown as unknown[])[0]));

  test('VALUES: min(rows, parallelism) slices, after filters', () => {
    const v = spark.sql('select * from values (1),(2),(3),(4),(5) t(a)');
    expect(v.rdd.getNumPartitions()).toBe(2);
    expect(glom(v)).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(glom(v.where('a > 1'))).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(spark.sql('select * from values (1) t(a)').rdd.getNumPartitions()).toBe(1);
  });

  test('sortWithinPartitions sorts each slice', () => {
    const v = spark.sql('select * from values (1),(2),(3),(4),(5) t(a)');
    expect(v.sortWithinPartitions(v.col('a').desc()).collectInternalRows().map((r) => r[0])).toEqual([2, 1, 5, 4, 3]);
  });
});
