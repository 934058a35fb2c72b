// DataFrame.sortWithinPartitions: each partition sorted on its own (PySpark 4.2.0's output for the
// same calls under local[2]; oracle scenario aggregations/sort-within-partitions).
import { SparkSession } from '../../lib';
import { col } from '../../lib/functions';

const setup = () => {
  const spark = SparkSession.builder.master('local[2]').appName('swp').getOrCreate();
  const df = spark.createDataFrame([[5, 'e'], [3, 'c'], [9, 'i'], [1, 'a'], [7, 'g'], [2, 'b']], 'n INT, s STRING');
  return { spark, df };
};
const ns = (rows: { n: number }[]) => rows.map((r) => r.n);

test("createDataFrame's two slices are sorted apart, not as a whole", () => {
  const { df } = setup();
  expect(ns(df.sortWithinPartitions('n').collect() as never)).toEqual([3, 5, 9, 1, 2, 7]);
  expect(ns(df.sortWithinPartitions(col('n').desc()).collect() as never)).toEqual([9, 5, 3, 7, 2, 1]);
  expect(df.sortWithinPartitions('n').rdd.getNumPartitions()).toBe(2);
});

test('ascending lists and one partition (coalesce) behave as orderBy within it', () => {
  const { df } = setup();
  expect(df.sortWithinPartitions(['s', 'n'], { ascending: [false, true] }).collect().map((r) => r.s)).toEqual(['i', 'e', 'c', 'g', 'b', 'a']);
  expect(df.coalesce(1).sortWithinPartitions('s').collect().map((r) => r.s)).toEqual(['a', 'b', 'c', 'e', 'g', 'i']);
});

test('bad arguments fail as orderBy does; a stream is refused by name', () => {
  const { spark, df } = setup();
  expect(() => df.sortWithinPartitions('nope')).toThrow(expect.objectContaining({ errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION' }));
  const stream = spark.readStream.format('rate').load();
  expect(() => stream.sortWithinPartitions('value')).toThrow(expect.objectContaining({ errorClass: 'NOT_IMPLEMENTED' }));
});
