// LIMIT on a stream: Spark's StreamingGlobalLimitExec in Append mode (at most N rows over the whole
// query, counted in state across batches), a plain limit of the result in Complete mode, refused in
// Update mode.
import type { StreamSession } from 'rivulet';
import { IntegerType, StringType, StructType, StructField } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

describe('limit on a stream', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '4' });
  });

  afterEach(() => spark.stop());

  const schema = StructType([StructField('word', StringType(), true), StructField('n', IntegerType(), true)]);

  test('append mode keeps the first rows across batches and reports a globalLimit state operator', async () => {
    const input = new MemoryStream(schema, spark);
    const query = input.toDF().limit(3).writeStream.format('memory').queryName('limited').start();
    input.addData(['a', 1], ['b', 2]);
    await query.processAllAvailable();
    input.addData(['c', 3], ['d', 4]);
    await query.processAllAvailable();
    input.addData(['e', 5]);
    await query.processAllAvailable();
    const rows = spark.table('limited').collect().map((r) => r.word);
    expect(rows).toEqual(['a', 'b', 'c']);
    const ops = query.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.operatorName)).toEqual(['globalLimit', 'globalLimit', 'globalLimit']);
    expect(ops.map((o) => o.numRowsTotal)).toEqual([1, 1, 1]);
    expect(ops.map((o) => o.numRowsUpdated)).toEqual([1, 1, 0]);
    await query.stop();
  });

  test('complete mode limits the aggregated result of every batch', async () => {
    const input = new MemoryStream(schema, spark);
    const query = input.toDF().groupBy('word').count().orderBy('word').limit(2)
      .writeStream.format('memory').queryName('top').outputMode('complete').start();
    input.addData(['b', 1], ['a', 2], ['c', 3]);
    await query.processAllAvailable();
    expect(spark.table('top').collect().map((r) => r.word)).toEqual(['a', 'b']);
    await query.stop();
  });

  test('update mode is refused with Spark\'s text', () => {
    const input = new MemoryStream(schema, spark);
    expect(() => input.toDF().groupBy('word').count().limit(1).writeStream.format('console').outputMode('update').start())
      .toThrow('Limits are not supported on streaming DataFrames/Datasets in Update output mode');
  });
});
