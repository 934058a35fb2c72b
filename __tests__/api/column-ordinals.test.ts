// PySpark 4's column ordinals (1-based): groupBy, rollup, cube and groupingSets take them, orderBy
// and sort too, a negative one sorting descending. Errors as PySpark's: INDEX_NOT_POSITIVE for
// grouping, ZERO_INDEX for sorting, Python's IndexError past the last column. Checked against
// PySpark 4.2.0 in oracle/scenarios/aggregations/column-ordinals.
import { type DataFrame, PySparkIndexError, type StreamSession } from 'rivulet';
import { count, sum } from 'rivulet/functions';
import { MemoryStream } from 'rivulet/testing';
import { IntegerType, StringType, StructField, StructType } from 'rivulet/types';
import { newSession } from '../support/session';

const rows = (d: DataFrame) => d.collect().map((r) => [...r]);

describe('column ordinals', () => {
  let spark: StreamSession;
  let df: DataFrame;

  beforeEach(() => {
    spark = newSession();
    df = spark.createDataFrame([['Alice', 2], ['Bob', 2], ['Bob', 5], ['Carol', null]], ['name', 'age']);
  });
  afterEach(() => spark.stop());

  test('group by ordinals, alone, in a list with names, and in rollup, cube and grouping sets', () => {
    expect(rows(df.groupBy(1).count().orderBy(1))).toEqual([['Alice', 1], ['Bob', 2], ['Carol', 1]]);
    // The result's columns are (age, name, c): orderBy(2, 1) sorts by name, then age.
    expect(rows(df.groupBy([2, 'name']).agg(count('*').alias('c')).orderBy(2, 1))).toEqual([[2, 'Alice', 1], [2, 'Bob', 1], [5, 'Bob', 1], [null, 'Carol', 1]]);
    expect(rows(df.rollup(1).agg(sum('age')).orderBy(1))).toEqual([[null, 9], ['Alice', 2], ['Bob', 7], ['Carol', null]]);
    expect(df.cube(1, 2).count().count()).toBe(3 + 4 + 3 + 1);
    expect(rows(df.groupingSets([[1], [2]], 1, 2).count().orderBy(1, -2))).toEqual([
      [null, 5, 1],
      [null, 2, 2],
      [null, null, 1],
      ['Alice', null, 1],
      ['Bob', null, 2],
      ['Carol', null, 1],
    ]);
  });

  test('sort by ordinals: negative descending, with ascending, in a list', () => {
    expect(rows(df.orderBy(-2, 1))).toEqual([['Bob', 5], ['Alice', 2], ['Bob', 2], ['Carol', null]]);
    expect(rows(df.sort(2, 1, { ascending: false }))).toEqual([['Bob', 5], ['Bob', 2], ['Alice', 2], ['Carol', null]]);
    expect(rows(df.orderBy([1, -2]))).toEqual([['Alice', 2], ['Bob', 5], ['Bob', 2], ['Carol', null]]);
  });

  test("PySpark's errors for a zero, negative or too large ordinal", () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(PySparkIndexError);
        return [(e as PySparkIndexError).errorClass, (e as Error).message];
      }
      throw new Error('expected an error');
    };
    expect(error(() => df.groupBy(0))).toEqual(['INDEX_NOT_POSITIVE', "[INDEX_NOT_POSITIVE] Index must be positive, got '0'."]);
    expect(error(() => df.rollup(-1))).toEqual(['INDEX_NOT_POSITIVE', "[INDEX_NOT_POSITIVE] Index must be positive, got '-1'."]);
    expect(error(() => df.groupingSets([[0]], 1))).toEqual(['INDEX_NOT_POSITIVE', "[INDEX_NOT_POSITIVE] Index must be positive, got '0'."]);
    expect(error(() => df.orderBy(0))).toEqual(['ZERO_INDEX', '[ZERO_INDEX] Index must be non-zero.']);
    expect(error(() => df.groupBy(3))).toEqual([undefined, 'list index out of range']);
    expect(error(() => df.sort(-3))).toEqual([undefined, 'list index out of range']);
  });

  test('on a stream: groupBy(1) in complete mode, sorted by ordinals', async () => {
    const input = new MemoryStream(StructType([StructField('word', StringType()), StructField('n', IntegerType())]), spark);
    const q = input.toDF().groupBy(1).agg(sum('n').alias('total')).orderBy(-2, 1).writeStream.format('memory').queryName('ordinal_counts').outputMode('complete').start();
    input.addData(['b', 1], ['a', 2], ['b', 3]);
    await q.processAllAvailable();
    input.addData(['c', 4], ['a', 5]);
    await q.processAllAvailable();
    await q.stop();
    expect(rows(spark.table('ordinal_counts'))).toEqual([['a', 7], ['b', 4], ['c', 4]]);
  });
});
