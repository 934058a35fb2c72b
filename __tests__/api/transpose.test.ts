// DataFrame.transpose as Spark's ResolveTranspose (PySpark 4.2.0's output for the same calls:
// oracle scenario functions/transpose).
import { SparkSession } from '../../lib';

const setup = () => SparkSession.builder.appName('transpose').getOrCreate();

test('index values (not null, sorted) become columns; the other columns become rows under key', () => {
  const df = setup().createDataFrame([['B', 3, 4], ['A', 1, 2], [null, 5, 6]], ['id', 'val1', 'val2']);
  const t = df.transpose();
  expect(t.schema.simpleString()).toBe('struct<key:string,A:bigint,B:bigint>');
  expect(t.collectInternalRows()).toEqual([
    ['val1', 1n, 3n],
    ['val2', 2n, 4n],
  ]);
});

test('values take the least common type; an explicit index column; only an index column', () => {
  const spark = setup();
  const t = spark.createDataFrame([[1, 2.5, 3]], ['k', 'a', 'b']).transpose();
  expect(t.schema.simpleString()).toBe('struct<key:string,1:double>');
  expect(t.collectInternalRows()).toEqual([
    ['a', 2.5],
    ['b', 3],
  ]);
  expect(spark.createDataFrame([['x', 1]], ['k', 'a']).transpose('a').collectInternalRows()).toEqual([['k', 'x']]);
  const empty = spark.createDataFrame([['x']], ['k']).transpose();
  expect(empty.schema.simpleString()).toBe('struct<key:string,x:string>');
  expect(empty.count()).toBe(0);
});

test("Spark's errors", () => {
  const spark = setup();
  expect(() => spark.createDataFrame([['x', 1, 's']], ['k', 'a', 'b']).transpose()).toThrow(
    expect.objectContaining({ errorClass: 'TRANSPOSE_NO_LEAST_COMMON_TYPE', rawMessage: 'Transpose requires non-index columns to share a least common type, but "BIGINT" and "STRING" do not.' }),
  );
  expect(() => spark.createDataFrame([[[1], 1, 2]], 'k ARRAY<INT>, a INT, b INT').transpose()).toThrow(
    expect.objectContaining({ errorClass: 'TRANSPOSE_INVALID_INDEX_COLUMN', rawMessage: 'Invalid index column for TRANSPOSE because: Index column must be of atomic type, but found: ArrayType(IntegerType,true)' }),
  );
  expect(() => spark.readStream.format('rate').load().transpose()).toThrow(expect.objectContaining({ errorClass: '_LEGACY_ERROR_TEMP_3102' }));
});
