// rate and rate-micro-batch sources, foreach / foreachBatch / noop sinks.
import { IllegalArgumentException, StreamingQueryException, type DataFrame, type Row, type StreamSession } from 'rivulet';
import { col } from 'rivulet/functions';
import { StringType } from 'rivulet/types';
import { ManualClock, MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { valueAtSecond } from '../../lib/connectors/rate/rate-source';

describe('rate sources', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
  });

  afterEach(() => spark.stop());

  test('rate-micro-batch: rowsPerBatch values per batch, stamped with the batch start timestamp', async () => {
    const df = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 3).option('numPartitions', 2).option('startTimestamp', 1000).option('advanceMillisPerBatch', 500).load();
    expect(df.schema.simpleString()).toBe('struct<timestamp:timestamp,value:bigint>');
    const batches: unknown[][] = [];
    // The source always has a next batch (processAllAvailable would never see it idle): wait for two.
    let gotTwo!: () => void;
    const twoBatches = new Promise<void>((resolve) => (gotTwo = resolve));
    const q = df.writeStream.foreachBatch((batch: DataFrame, id: number) => {
      if (batches.length < 2) batches.push([id, batch.collect().map((r) => [r.timestamp, r.value])]);
      if (batches.length === 2) gotTwo();
    }).start();
    await twoBatches;
    await q.stop();
    expect(batches[0]).toEqual([0, [[new Date(1000), 0], [new Date(1000), 2], [new Date(1000), 1]]]);
    expect(batches[1]).toEqual([1, [[new Date(1500), 3], [new Date(1500), 5], [new Date(1500), 4]]]);
  });

  test('rate: rowsPerSecond rows per elapsed second on the query clock, spread across the second', async () => {
    const clock = new ManualClock(10_000);
    spark.clock = clock;
    const q = spark.readStream.format('rate').option('rowsPerSecond', 4).option('numPartitions', 1).load().writeStream.format('memory').queryName('rates').start();
    clock.advance(1000);
    await q.processAllAvailable();
    await q.stop();
    expect(spark.table('rates').collect().map((r) => [r.timestamp, r.value])).toEqual([
      [new Date(10_000), 0],
      [new Date(10_250), 1],
      [new Date(10_500), 2],
      [new Date(10_750), 3],
    ]);
  });

  test('ramp-up follows Spark\'s valueAtSecond', () => {
    // rowsPerSecond 10, rampUpTime 4s: speed grows by 2 rows per second.
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => valueAtSecond(s, 10, 4))).toEqual([0, 2, 6, 12, 20, 30, 40]);
  });

  test('option errors use Spark\'s texts', () => {
    expect(() => spark.readStream.format('rate').option('rowsPerSecond', 0).load()).toThrow("Invalid value '0'. The option 'rowsPerSecond' must be positive");
    expect(() => spark.readStream.format('rate-micro-batch').load()).toThrow(IllegalArgumentException);
    expect(() => spark.readStream.format('rate').option('rowsPerSecond', 'many').load()).toThrow('For input string: "many"');
  });
});

describe('foreach, foreachBatch, noop sinks', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
  });

  afterEach(() => spark.stop());

  test('foreach with a function gets every row', async () => {
    const input = new MemoryStream(StringType(), spark);
    const seen: string[] = [];
    const q = input.toDF().writeStream.foreach((row: Row) => void seen.push(row.value as string)).start();
    input.addData('a', 'b');
    await q.processAllAvailable();
    await q.stop();
    expect(seen).toEqual(['a', 'b']);
  });

  test('foreach with a writer: open(partition, epoch), process, close(error)', async () => {
    const input = new MemoryStream(StringType(), spark);
    const calls: string[] = [];
    const q = input
      .toDF()
      .writeStream.foreach({
        open: (p, e) => void calls.push(`open ${p} ${e}`),
        process: (row) => {
          if (row.value === 'bad') throw new Error('cannot write bad');
          calls.push(`process ${row.value}`);
        },
        close: (err) => void calls.push(`close ${err ? err.message : 'null'}`),
      })
      .start();
    input.addData('x');
    await q.processAllAvailable();
    input.addData('bad');
    await expect(q.processAllAvailable()).rejects.toThrow(StreamingQueryException);
    expect(calls).toEqual(['open 0 0', 'process x', 'close null', 'open 0 1', 'close cannot write bad']);
    expect(q.exception()!.message).toContain('terminated with exception: [FOREACH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach sink. Reason: cannot write bad SQLSTATE: 39000');
    expect(() => input.toDF().writeStream.foreach({} as never)).toThrow('[ATTRIBUTE_NOT_CALLABLE]');
  });

  test('foreachBatch: a batch DataFrame with SQL, and user errors fail the query with the cause', async () => {
    const input = new MemoryStream(StringType(), spark);
    const results: unknown[] = [];
    const q = input
      .toDF()
      .writeStream.foreachBatch((df, batchId) => {
        df.createOrReplaceTempView('batch');
        results.push([batchId, spark.sql('SELECT upper(value) AS v FROM batch ORDER BY v').collect().map((r) => r.v)]);
        if (df.where(col('value').eq('boom')).count() > 0) throw new Error('boom in batch');
      })
      .start();
    input.addData('b', 'a');
    await q.processAllAvailable();
    input.addData('boom');
    await expect(q.awaitTermination()).rejects.toThrow('boom in batch');
    expect(results).toEqual([[0, ['A', 'B']], [1, ['BOOM']]]);
    expect((q.exception()!.cause as Error).message).toBe('[FOREACH_BATCH_USER_FUNCTION_ERROR] An error occurred in the user provided function in foreach batch sink. Reason: boom in batch SQLSTATE: 39000');
    expect(((q.exception()!.cause as Error).cause as Error).message).toBe('boom in batch');
  });

  test('noop runs the query and discards the output', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().groupBy('value').count().writeStream.format('noop').outputMode('complete').start();
    input.addData('a', 'a');
    await q.processAllAvailable();
    expect(q.lastProgress!.sink).toEqual({ description: 'NoopTable', numOutputRows: 1 });
    await q.stop();
  });
});
