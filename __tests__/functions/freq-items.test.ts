// df.freqItems as Spark's CollectFrequentItems: the items, and their order, which is Scala's
// mutable.HashMap iteration order (frequent-items.ts). Expected values were printed by PySpark
// 4.2.0 (local[2]) for the same inputs (oracle scenario aggregations/freq-items).
import { type StreamSession } from 'rivulet';
import { DoubleType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { frequentItems, scalaHashFunction } from '../../lib/api/frequent-items';
import { DataTypes } from '../../lib/types/data-types';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

describe('Scala hashes', () => {
  test("as Scala's ## of the values Spark holds", () => {
    const dbl = scalaHashFunction(DataTypes.DoubleType);
    // An integral double hashes as the int; 0.5 as Float.hashCode(0.5f); 0.1 as Double.hashCode.
    expect([dbl(3), dbl(0.5), dbl(0.1)]).toEqual([3, 0x3f000000, 0x9999999a ^ 0x3fb99999]);
    const long = scalaHashFunction(DataTypes.LongType);
    expect([long(7n), long(2n ** 40n + 5n)]).toEqual([7, 256 ^ 5]);
    expect(scalaHashFunction(DataTypes.BooleanType)(true)).toBe(1231);
    expect(scalaHashFunction(DataTypes.IntegerType)(null)).toBe(0);
  });
});

describe('freqItems', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession();
  });
  afterEach(() => spark.stop());

  const collect = (df: { collectInternalRows(): unknown[][] }) => df.collectInternalRows()[0];

  test('docstring example: one row, a column <col>_freqItems per column', () => {
    const df = spark.createDataFrame([[1, 11], [1, 11], [3, 10], [4, 8], [4, 8]], ['c1', 'c2']);
    const out = df.freqItems(['c1', 'c2']);
    expect(out.columns).toEqual(['c1_freqItems', 'c2_freqItems']);
    expect(collect(out)).toEqual([
      [1n, 3n, 4n],
      [8n, 10n, 11n],
    ]);
    expect(out.schema.fields.map((f) => [f.dataType.simpleString(), f.nullable])).toEqual([
      ['array<bigint>', false],
      ['array<bigint>', false],
    ]);
  });

  test("items in the order of Scala's hash map", () => {
    const data = Array.from({ length: 500 }, (_, i) => [`s${i % 23}`, (i % 11) / 2]);
    const df = spark.createDataFrame(data, 's STRING, d DOUBLE');
    expect(collect(df.freqItems(['s']))).toEqual([['s4', 's11', 's5', 's3', 's20', 's10', 's1', 's9', 's18', 's17', 's8', 's12', 's0', 's2', 's21', 's19', 's14', 's13', 's7', 's16', 's22', 's15', 's6']]);
    // An update at 11 of 12 keys doubles the table to 32, which moves 4.5 (hash bucket 16) last.
    expect(collect(df.freqItems(['d']))).toEqual([[0, 0.5, 1.5, 2.5, 3.5, 1, 2, 3, 4, 5, 4.5]]);
  });

  test('a support below 1 / distinct values evicts counters', () => {
    const df = spark.createDataFrame(Array.from({ length: 500 }, (_, i) => [i % 37]), 'a INT');
    expect(collect(df.freqItems(['a'], 0.1))).toEqual([[11, 12, 13, 14, 15]]);
    const big = spark.createDataFrame(Array.from({ length: 3000 }, (_, i) => [(i * 7919) % 1009]), 'a INT');
    expect(collect(big.freqItems(['a'], 0.3))).toEqual([[]]);
  });

  test('nulls are items; NaNs never equal each other', () => {
    const df = spark.createDataFrame(Array.from({ length: 40 }, (_, i) => [i % 7 ? i % 5 : null]), 'x INT');
    expect(collect(df.freqItems(['x']))).toEqual([[null, 0, 1, 2, 3, 4]]);
    expect(frequentItems([[NaN, NaN, 1]], DataTypes.DoubleType, 100)).toHaveLength(3);
  });

  test("PySpark's and Spark's argument errors", () => {
    const df = spark.createDataFrame([[1]], ['c1']);
    expect(errorOf(() => df.freqItems(['c1'], 0.00001)).message).toBe('requirement failed: Support must be in [1e-4, 1], but got 1.0E-5.');
    expect(errorOf(() => df.freqItems('c1' as never)).message).toBe('[NOT_EXPECTED_TYPE] Argument `cols` should be list or tuple, got str.');
    expect(errorOf(() => df.freqItems(['nope'])).errorClass).toBe('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    // A support of 0 means the default, 0.01.
    expect(collect(df.stat.freqItems(['c1'], 0))).toEqual([[1n]]);
  });

  test('a stream is refused', () => {
    const input = new MemoryStream(StructType([StructField('x', DoubleType(), false)]), spark);
    expect(errorOf(() => input.toDF().freqItems(['x'])).message).toContain('writeStream.start()');
  });
});
