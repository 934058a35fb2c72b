// Console sink options and query monitoring (status, progress, awaitTermination with a timeout).
import { IllegalArgumentException, PySparkValueError, type StreamSession } from 'rivulet';
import { StringType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { captureStdout, type Captured } from '../support/capture-stdout';
import { newSession } from '../support/session';

describe('console sink options', () => {
  let spark: StreamSession;
  let out: Captured;

  beforeEach(() => {
    spark = newSession();
    out = captureStdout();
  });

  afterEach(async () => {
    out.restore();
    await spark.stop();
  });

  test('numRows and truncate (keys are case-insensitive)', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().writeStream.format('console').option('NUMROWS', 2).option('Truncate', false).start();
    input.addData('a very long line that is longer than twenty characters', 'short', 'third');
    await q.processAllAvailable();
    await q.stop();
    expect(out.text()).toBe(
      [
        '-------------------------------------------',
        'Batch: 0',
        '-------------------------------------------',
        '+------------------------------------------------------+',
        '|value                                                 |',
        '+------------------------------------------------------+',
        '|a very long line that is longer than twenty characters|',
        '|short                                                 |',
        '+------------------------------------------------------+',
        'only showing top 2 rows',
        '',
      ].join('\n'),
    );
  });

  test('default truncation to 20 characters, NULL and an empty batch table', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().writeStream.format('console').start();
    input.addData('a very long line that is longer than twenty characters', null);
    await q.processAllAvailable();
    await q.stop();
    expect(out.text()).toContain('|               value|\n+--------------------+\n|a very long line ...|\n|                NULL|\n');
  });

  test('bad option values fail the query start with Java\'s message', () => {
    const input = new MemoryStream(StringType(), spark);
    expect(() => input.toDF().writeStream.format('console').option('numRows', 'many').start()).toThrow(IllegalArgumentException);
    expect(() => input.toDF().writeStream.format('console').option('truncate', 'maybe').start()).toThrow('For input string: "maybe"');
  });
});

describe('query monitoring', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  });

  afterEach(() => spark.stop());

  test('status, lastProgress and recentProgress use Spark\'s field names', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().groupBy('value').count().writeStream.format('memory').queryName('counts').outputMode('complete').start();
    expect(q.name).toBe('counts');
    expect(q.lastProgress).toBeNull();
    input.addData('a', 'b', 'a');
    await q.processAllAvailable();
    input.addData('c');
    await q.processAllAvailable();
    expect(q.status).toEqual({ message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false });
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([0, 1]);
    const p = q.lastProgress!.jsonValue();
    expect(Object.keys(p)).toEqual(['id', 'runId', 'name', 'timestamp', 'batchId', 'batchDuration', 'numInputRows', ...Object.keys(p).slice(7)]);
    expect(p).toMatchObject({ id: q.id, runId: q.runId, name: 'counts', batchId: 1, numInputRows: 1 });
    expect(p.sources).toEqual([expect.objectContaining({ startOffset: 0, endOffset: 1, numInputRows: 1 })]);
    expect(p.stateOperators).toEqual([expect.objectContaining({ operatorName: 'stateStoreSave', numRowsTotal: 3, numRowsUpdated: 1, numShufflePartitions: 3 })]);
    expect(p.sink).toEqual({ description: 'MemorySink', numOutputRows: 3 });
    expect(q.lastProgress!.prettyJson()).toMatch(/^\{\n {2}"id" : "/);
    await q.stop();
    expect(q.status.message).toBe('Stopped');
  });

  test('awaitTermination(timeout) takes seconds, returns false while running and true once stopped', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().writeStream.format('memory').queryName('t').start();
    expect(await q.awaitTermination(0.02)).toBe(false);
    await q.stop();
    expect(await q.awaitTermination(0.02)).toBe(true);
    await expect(q.awaitTermination(0)).rejects.toThrow(PySparkValueError);
    // PySpark's text names the argument's Python type, not its value.
    await expect(q.awaitTermination(-1)).rejects.toThrow("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got 'int'.");
    await expect(q.awaitTermination('x' as unknown as number)).rejects.toThrow("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got 'str'.");
    await expect(spark.streams.awaitAnyTermination(-1)).rejects.toThrow("[VALUE_NOT_POSITIVE] Value for `timeout` must be positive, got 'int'.");
  });

  test('spark.streams tracks active queries and terminations', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().writeStream.format('memory').queryName('m').start();
    expect(spark.streams.get(q.id)).toBe(q);
    expect(await spark.streams.awaitAnyTermination(0.01)).toBe(false);
    await q.stop();
    expect(await spark.streams.awaitAnyTermination(0.01)).toBe(true);
    expect(spark.streams.get(q.id)).toBeNull();
  });
});
