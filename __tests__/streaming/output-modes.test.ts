// Output modes: which plans each mode accepts (Spark's exact AnalysisException texts) and what
// each mode emits.
import { AnalysisException, IllegalArgumentException, type StreamSession } from 'rivulet';
import { col, count, sum } from 'rivulet/functions';
import { IntegerType, StringType, StructType, StructField } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

describe('output modes', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '4' });
  });

  afterEach(() => spark.stop());

  const schema = StructType([StructField('word', StringType(), true), StructField('n', IntegerType(), true)]);

  test('complete mode without an aggregation is refused', () => {
    const input = new MemoryStream(schema, spark);
    const start = () => input.toDF().writeStream.format('memory').queryName('q').outputMode('complete').start();
    expect(start).toThrow(AnalysisException);
    expect(start).toThrow('[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets. SQLSTATE: 42KDE');
  });

  test('append mode with an aggregation and no watermark is refused', () => {
    const input = new MemoryStream(schema, spark);
    const start = () => input.toDF().groupBy('word').count().writeStream.format('console').outputMode('append').start();
    expect(start).toThrow('[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: append. This output mode is not supported for streaming aggregations without watermark on streaming DataFrames/DataSets. SQLSTATE: 42KDE');
  });

  test('unknown output modes name the accepted ones', () => {
    const input = new MemoryStream(schema, spark);
    expect(() => input.toDF().writeStream.outputMode('everything')).toThrow(IllegalArgumentException);
    expect(() => input.toDF().writeStream.outputMode('everything')).toThrow("[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: everything. Accepted output modes are 'Append', 'Complete', 'Update'. SQLSTATE: 42KDE");
    expect(() => input.toDF().writeStream.outputMode('Complete')).not.toThrow();
  });

  test('the memory sink accepts update mode, as Spark (oracle monitoring/progress-watermark-event-time)', async () => {
    const input = new MemoryStream(schema, spark);
    const q = input.toDF().groupBy('word').count().writeStream.format('memory').queryName('m').outputMode('update').start();
    expect(q.isActive).toBe(true);
    await q.stop();
  });

  test('append emits each input row once; update emits changed groups; complete emits all groups', async () => {
    const input = new MemoryStream(schema, spark);
    const appendQ = input.toDF().where(col('n').gt(1)).writeStream.format('memory').queryName('appended').outputMode('append').start();
    const completeQ = input.toDF().groupBy('word').agg(count('*'), sum('n')).writeStream.format('memory').queryName('totals').outputMode('complete').start();
    input.addData({ word: 'a', n: 1 }, { word: 'b', n: 2 });
    await appendQ.processAllAvailable();
    await completeQ.processAllAvailable();
    input.addData({ word: 'a', n: 5 });
    await appendQ.processAllAvailable();
    await completeQ.processAllAvailable();
    expect(spark.table('appended').collect().map((r) => r.asDict())).toEqual([
      { word: 'b', n: 2 },
      { word: 'a', n: 5 },
    ]);
    const totals = spark.table('totals');
    expect(totals.columns).toEqual(['word', 'count(1)', 'sum(n)']);
    expect(totals.collect().map((r) => [r.word, r['count(1)'], r['sum(n)']]).sort()).toEqual([
      ['a', 2, 6],
      ['b', 1, 2],
    ]);
    await appendQ.stop();
    await completeQ.stop();
  });

  test('a query without streaming sources cannot use writeStream', () => {
    const df = spark.createDataFrame([{ a: 1 }]);
    expect(() => df.writeStream).toThrow('[WRITE_STREAM_NOT_ALLOWED] `writeStream` can be called only on streaming Dataset/DataFrame. SQLSTATE: 42601');
  });

  test('actions on a streaming DataFrame are refused', () => {
    const input = new MemoryStream(schema, spark);
    expect(() => input.toDF().collect()).toThrow(/^Queries with streaming sources must be executed with writeStream\.start\(\), or from a streaming table or flow definition within a Spark Declarative Pipeline\.;\n/);
    expect(() => input.toDF().count()).toThrow(AnalysisException);
  });

  test('console and memory sinks need no checkpoint; query names must be unique while active', async () => {
    const input = new MemoryStream(schema, spark);
    const q = input.toDF().writeStream.format('memory').queryName('dup').start();
    expect(() => input.toDF().writeStream.format('memory').queryName('dup').start()).toThrow(
      'Cannot start query with name dup as a query with that name is already active in this SparkSession',
    );
    expect(spark.streams.active.map((x) => x.name)).toEqual(['dup']);
    await q.stop();
    expect(spark.streams.active).toEqual([]);
  });

  test('memory sink needs a query name', () => {
    const input = new MemoryStream(schema, spark);
    expect(() => input.toDF().writeStream.format('memory').start()).toThrow('queryName must be specified for memory sink');
  });
});
