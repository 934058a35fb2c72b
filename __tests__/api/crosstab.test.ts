// DataFrame.crosstab / df.stat.crosstab as Spark 4's crossTabulate; expectations are PySpark
// 4.2.0's output for the same data (oracle scenario aggregations/crosstab).
import { SparkSession } from '../../lib';

const setup = () => SparkSession.builder.master('local[2]').appName('crosstab').getOrCreate();

test('counts per pair, keyed by the first column as text, one column per second-column text', () => {
  const df = setup().createDataFrame([[1, 11], [1, 11], [3, 10], [4, 8], [4, 8], [null, 8], [2, null]], 'c1 INT, c2 INT');
  const table = df.crosstab('c1', 'c2');
  expect(table.schema.simpleString()).toBe('struct<c1_c2:string,10:bigint,11:bigint,8:bigint,null:bigint>');
  expect(table.collect().map((r) => table.columns.map((c) => r.asDict()[c]))).toEqual([
    ['3', 1, 0, 0, 0],
    ['1', 0, 2, 0, 0],
    ['4', 0, 0, 2, 0],
    ['2', 0, 0, 0, 1],
    ['null', 0, 0, 1, 0],
  ]);
});

test('df.stat.crosstab is the same; backquotes leave the column names', () => {
  const s = setup().createDataFrame([['a`b', 'x'], ['a`b', 'y'], ['c', 'x'], ['d', 'z'], ['c', 'x']], 'k STRING, v STRING');
  const table = s.stat.crosstab('k', 'v').orderBy('k_v');
  expect(table.collect().map((r) => table.columns.map((c) => r.asDict()[c]))).toEqual([
    ['a`b', 1, 1, 0],
    ['c', 2, 0, 0],
    ['d', 0, 0, 1],
  ]);
  expect(s.crosstab('v', 'k').columns).toEqual(['v_k', 'ab', 'c', 'd']);
});

test('column names must be strings', () => {
  const df = setup().createDataFrame([[1, 2]], 'a INT, b INT');
  expect(() => df.crosstab(1 as unknown as string, 'b')).toThrow(expect.objectContaining({ errorClass: 'NOT_EXPECTED_TYPE' }));
});
