// Correctness of event time across several inputs and stateful operators (issue 12, item 4). Each
// expectation was recorded from PySpark 4.2.0 running the same program over file sources (the
// PySpark side is in oracle/scenarios/stateful-tws/*); stateful cases also run with a stop and
// restart from the checkpoint after every batch.
import type { StreamSession, StreamingQuery } from 'rivulet';
import { col, count, window } from 'rivulet/functions';
import { IntegerType, LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, CheckNewAnswer, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

const kt = StructType([StructField('k', StringType(), true), StructField('t', LongType(), true)]);

describe.each([false, true])('event time over several inputs (restart after every batch: %s)', (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  function windowedCounts(input: MemoryStream, name: string) {
    return input.toDF().selectExpr('k', 'timestamp_seconds(t) ts').withWatermark('ts', '10 seconds').groupBy(window('ts', '10 seconds')).agg(count('*').alias(name));
  }

  // Spark 4 stores a left row even when the state watermark evicts it at the end of the batch, so
  // the right side's window of the same batch still meets it.
  test('a join of two watermarked windowed aggregations emits the matched window', async () => {
    const left = new MemoryStream(kt, spark);
    const right = new MemoryStream(kt, spark);
    const joined = windowedCounts(left, 'lc').join(windowedCounts(right, 'rc'), 'window').selectExpr('CAST(window.start AS STRING) AS start', 'lc', 'rc');
    await testStream(
      joined,
      'append',
      [
        AddData(left, ['a', 1], ['a', 2], ['b', 12]),
        AddData(right, ['a', 3], ['b', 5]),
        CheckNewAnswer(),
        AddData(left, ['a', 30]),
        AddData(right, ['a', 31]),
        CheckNewAnswer(['1970-01-01 00:00:00', 2, 2]),
        AddData(left, ['a', 60]),
        AddData(right, ['a', 61]),
        CheckNewAnswer(['1970-01-01 00:00:30', 1, 1]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test("left.col('window.end') after the join resolves against the DataFrame it came from", async () => {
    const leftIn = new MemoryStream(kt, spark);
    const rightIn = new MemoryStream(kt, spark);
    const l = windowedCounts(leftIn, 'lc');
    const r = windowedCounts(rightIn, 'rc');
    const joined = l
      .join(r, l.col('window').equalTo(r.col('window')))
      .select(l.col('window.end').alias('le'), r.col('window.start').alias('rs'), 'lc', 'rc')
      .selectExpr('CAST(le AS STRING)', 'CAST(rs AS STRING)', 'lc', 'rc');
    await testStream(
      joined,
      'append',
      [
        AddData(leftIn, ['a', 1], ['a', 2], ['b', 12], ['a', 30], ['a', 60]),
        AddData(rightIn, ['a', 3], ['b', 5], ['a', 31], ['a', 61]),
        CheckNewAnswer(['1970-01-01 00:00:10', '1970-01-01 00:00:00', 2, 2], ['1970-01-01 00:00:40', '1970-01-01 00:00:30', 1, 1]),
      ],
      { restartAfterEveryBatch },
    );
    // The bound column keeps its struct field: l.col('window.end') is named `end`.
    expect(l.select(l.col('window.end')).columns).toEqual(['end']);
  });

  test('a stream self-join keeps the values of each side apart', async () => {
    const input = new MemoryStream(IntegerType(), spark);
    const l = input.toDF().select(col('value').alias('key'), col('value').multiply(2).alias('leftValue'));
    const r = input.toDF().select(col('value').alias('key'), col('value').multiply(3).alias('rightValue'));
    await testStream(
      l.join(r, 'key'),
      'append',
      [AddData(input, 1, 2, 3), CheckNewAnswer([1, 2, 3], [2, 4, 6], [3, 6, 9]), AddData(input, 4), CheckNewAnswer([4, 8, 12])],
      { restartAfterEveryBatch },
    );
  });
});

describe('the global watermark of several inputs', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  /** Two inputs with delays of 10 s and 20 s, fed one at a time; the watermark each batch ran with. */
  async function watermarks(): Promise<string[]> {
    const t = StructType([StructField('t', LongType(), true)]);
    const a = new MemoryStream(t, spark);
    const b = new MemoryStream(t, spark);
    const left = a.toDF().selectExpr('timestamp_seconds(t) ts').withWatermark('ts', '10 seconds');
    const right = b.toDF().selectExpr('timestamp_seconds(t) ts').withWatermark('ts', '20 seconds');
    const q: StreamingQuery = left.union(right).writeStream.format('noop').start();
    for (const [s, v] of [
      [a, 100],
      [a, 200],
      [b, 150],
      [b, 300],
      [a, 50],
    ] as const) {
      s.addData([v]);
      await q.processAllAvailable();
    }
    const out = q.recentProgress.map((p) => (p.eventTime as Record<string, string>).watermark);
    await q.stop();
    return out;
  }

  test('min policy (default): the watermark does not move until every input has data', async () => {
    expect(await watermarks()).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1970-01-01T00:02:10.000Z', '1970-01-01T00:03:10.000Z']);
  });

  test('max policy: the fastest input drives the watermark', async () => {
    spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'max');
    expect(await watermarks()).toEqual(['1970-01-01T00:00:00.000Z', '1970-01-01T00:01:30.000Z', '1970-01-01T00:03:10.000Z', '1970-01-01T00:03:10.000Z', '1970-01-01T00:04:40.000Z']);
  });

  test('an invalid multipleWatermarkPolicy is refused by spark.conf.set; the check ignores case', () => {
    const e = errorOf(() => spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'avg'));
    expect(e.getErrorClass()).toBe('INVALID_CONF_VALUE.REQUIREMENT');
    expect(e.getSqlState()).toBe('22022');
    expect(e.message).toBe(
      `[INVALID_CONF_VALUE.REQUIREMENT] The value 'avg' in the config "spark.sql.streaming.multipleWatermarkPolicy" is invalid. Invalid value for 'spark.sql.streaming.multipleWatermarkPolicy'. Valid values are 'min' and 'max' SQLSTATE: 22022`,
    );
    spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'MAX');
    expect(spark.conf.get('spark.sql.streaming.multipleWatermarkPolicy')).toBe('MAX');
  });

  test('two event-time columns into one stateful operator fail the query as Spark does', async () => {
    const a = new MemoryStream(kt, spark);
    const b = new MemoryStream(kt, spark);
    const left = a.toDF().selectExpr('k', 'timestamp_seconds(t) ts1').withWatermark('ts1', '10 seconds');
    const right = b.toDF().selectExpr('k', 'timestamp_seconds(t) ts2').withWatermark('ts2', '10 seconds');
    const q = left.join(right, 'k').dropDuplicates(['k']).writeStream.format('noop').start();
    a.addData(['a', 1]);
    b.addData(['a', 2]);
    const e = await q.processAllAvailable().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(e?.message).toMatch(/^\[STREAM_FAILED\] Query \[id = [-0-9a-f]+, runId = [-0-9a-f]+\] terminated with exception: More than one event time columns are available\. Please ensure there is at most one event time column per stream\. event time columns: \(ts1#\d+-T10000ms,ts2#\d+-T10000ms\)/);
    // A windowed count over one of them is fine (the state keeps only the window).
    const ok = left.join(right, 'k').groupBy(window('ts1', '10 seconds')).count().writeStream.outputMode('append').format('noop').start();
    await ok.processAllAvailable();
    await ok.stop();
  });
});
