// `console.log(x)` / util.inspect of Rivulet's public objects shows what PySpark's repr shows
// (recorded from PySpark 4.2.0; objects whose PySpark repr is Python's default
// `<module.Class object at 0x...>` show that text without the address), never engine internals.
// Methods PySpark has and Rivulet lacks raise PySpark's NOT_IMPLEMENTED, naming the method.
import { inspect } from 'node:util';
import { PySparkNotImplementedError, Row, StructField, StructType, Window, StreamSession } from 'rivulet';
import type { StreamingQuery } from 'rivulet';
import { col, lit } from 'rivulet/functions';
import { LongType } from 'rivulet/types';
import { newSession } from '../support/session';

let spark: StreamSession;
let query: StreamingQuery | undefined;
beforeEach(() => {
  spark = newSession();
});
afterEach(async () => {
  await query?.stop();
  query = undefined;
  await spark.stop();
});

test('DataFrame, Column, Row, StructType, GroupedData: their PySpark text', () => {
  const df = spark.createDataFrame([[1, 'a', 2.5]], ['a', 'b', 'c']);
  expect(inspect(df.select('a', 'b'))).toBe('DataFrame[a: bigint, b: string]');
  expect(inspect(spark.readStream.format('rate').load())).toBe('DataFrame[timestamp: timestamp, value: bigint]');
  expect(inspect(col('a'))).toBe("Column<'a'>");
  expect(inspect(new Row({ a: 1, b: 'x' }))).toBe("Row(a=1, b='x')");
  expect(inspect(new StructType([new StructField('a', new LongType(), true)]))).toBe("StructType([StructField('a', LongType(), True)])");
  expect(inspect(new StructField('a', new LongType(), true))).toBe("StructField('a', LongType(), True)");
  expect(inspect(df.groupBy('a', col('b')))).toBe('GroupedData[grouping expressions: [a, b], value: [a: bigint, b: string ... 1 more field], type: GroupBy]');
  expect(inspect(df.groupBy())).toBe('GroupedData[grouping expressions: [], value: [a: bigint, b: string ... 1 more field], type: GroupBy]');
  expect(inspect(df.groupBy('a').pivot('b'))).toBe('GroupedData[grouping expressions: [a], value: [a: bigint, b: string ... 1 more field], type: Pivot]');
  expect(inspect(spark.readStream.format('rate').load().groupBy('value'))).toBe('GroupedData[grouping expressions: [value], value: [timestamp: timestamp, value: bigint], type: GroupBy]');
});

test('objects with Python\'s default repr show their PySpark class, not engine internals', () => {
  const df = spark.createDataFrame([[1]], ['a']);
  const stream = spark.readStream.format('rate').load();
  query = stream.writeStream.format('noop').queryName('repr_q').start();
  const cases: [unknown, string][] = [
    [query, '<pyspark.sql.streaming.query.StreamingQuery object>'],
    [spark.streams, '<pyspark.sql.streaming.query.StreamingQueryManager object>'],
    [spark, '<pyspark.sql.session.SparkSession object>'],
    [StreamSession.builder, '<pyspark.sql.session.SparkSession.Builder object>'],
    [StreamSession.builder(), '<pyspark.sql.session.SparkSession.Builder object>'],
    [stream.writeStream, '<pyspark.sql.streaming.readwriter.DataStreamWriter object>'],
    [spark.readStream, '<pyspark.sql.streaming.readwriter.DataStreamReader object>'],
    [spark.read, '<pyspark.sql.readwriter.DataFrameReader object>'],
    [df.write, '<pyspark.sql.readwriter.DataFrameWriter object>'],
    [spark.conf, '<pyspark.sql.conf.RuntimeConfig object>'],
    [spark.catalog, '<pyspark.sql.catalog.Catalog object>'],
    [df.na, '<pyspark.sql.classic.dataframe.DataFrameNaFunctions object>'],
    [df.stat, '<pyspark.sql.classic.dataframe.DataFrameStatFunctions object>'],
    [Window.partitionBy('a'), '<pyspark.sql.classic.window.WindowSpec object>'],
  ];
  for (const [value, text] of cases) expect(inspect(value)).toBe(text);
  expect(inspect(spark.sparkContext)).toBe(`<SparkContext master=${spark.conf.get('spark.master')} appName=${spark.conf.get('spark.app.name')}>`);
});

test.each<[string, (s: StreamSession) => unknown, string]>([
  ['df.toPandas()', (s) => (s.range(1) as unknown as { toPandas(): unknown }).toPandas(), 'DataFrame.toPandas'],
  ['df.mapInArrow()', (s) => (s.range(1) as unknown as { mapInArrow(): unknown }).mapInArrow(), 'DataFrame.mapInArrow'],
  ['df.writeTo()', (s) => (s.range(1) as unknown as { writeTo(): unknown }).writeTo(), 'DataFrame.writeTo'],
  ['groupBy().applyInPandas()', (s) => (s.range(1).groupBy('id') as unknown as { applyInPandas(): unknown }).applyInPandas(), 'GroupedData.applyInPandas'],
  ['df.zipWithIndex()', (s) => (s.range(1) as unknown as { zipWithIndex(): unknown }).zipWithIndex(), 'DataFrame.zipWithIndex'],
  ['read.orc()', (s) => (s.read as unknown as { orc(): unknown }).orc(), 'DataFrameReader.orc'],
  ['spark.udtf', (s) => (s as unknown as { udtf(): unknown }).udtf(), 'SparkSession.udtf'],
  ['catalog.createTable()', (s) => (s.catalog as unknown as { createTable(): unknown }).createTable(), 'Catalog.createTable'],
  ['col.outer()', () => (col('a') as unknown as { outer(): unknown }).outer(), 'Column.outer'],
])('%s raises NOT_IMPLEMENTED naming the method', (_what, call, feature) => {
  let error: unknown;
  try {
    call(spark);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PySparkNotImplementedError);
  expect((error as Error).message).toBe(`[NOT_IMPLEMENTED] ${feature} is not implemented.`);
  expect((error as { getSqlState(): string }).getSqlState()).toBe('0A000');
});

test('corr, cov, isLocal, checkpoint and registerTempTable (recorded from PySpark 4.2.0)', () => {
  const df = spark.createDataFrame([[1, 2.0, 'a'], [2, 4.5, 'b'], [3, 5.0, 'a']], ['x', 'y', 's']);
  expect(df.corr('x', 'y')).toBeCloseTo(0.9332565252573828, 15);
  expect(df.stat.cov('x', 'y')).toBe(1.5);
  expect(() => df.corr('x', 'y', 'spearman')).toThrow("[VALUE_NOT_PEARSON] Value for `method` only supports 'pearson', got 'spearman'.");
  expect([df.isLocal(), spark.range(1).isLocal(), spark.sql('select 1').isLocal()]).toEqual([false, false, false]);
  expect(df.localCheckpoint().collect()).toEqual(df.collect());
  expect(df.checkpoint(false).count()).toBe(3);
  const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    df.registerTempTable('t_repr');
    expect(emit).toHaveBeenCalledWith('Deprecated in 2.0, use createOrReplaceTempView instead.', 'FutureWarning');
  } finally {
    emit.mockRestore();
  }
  expect(spark.table('t_repr').count()).toBe(3);
});

test('lit values keep their column text in the repr', () => {
  expect(inspect(lit(1).alias('x'))).toBe(lit(1).alias('x').toString());
});
