// Windows over windows (the Structured Streaming guide's chained time windows, Spark 3.4+): an
// hourly window over window_time of a 10-minute windowed count, in Append mode with a watermark.
// Expected batches recorded from PySpark 4.2.0 on the same input (file source, one file per
// addition): batch 5 emits 12:00-13:00 with 3 events, batch 7 emits 13:00-14:00 with 1.
import type { StreamSession } from 'rivulet';
import { col, count, sum, window, window_time } from 'rivulet/functions';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { AddData, CheckNewAnswer, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const at = (hh: number, mm: number) => new Date(Date.UTC(2024, 0, 1, hh, mm));

// On both state stores: lmdb evicts the expired windows by a range of its event-time index.
describe.each([
  [false, 'hdfs'],
  [true, 'hdfs'],
  [false, 'lmdb'],
  [true, 'lmdb'],
])('chained time windows in streaming (restart after every batch: %s, %s state store)', (restartAfterEveryBatch, provider) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1', 'spark.sql.streaming.stateStore.providerClass': provider });
  });
  afterEach(() => spark.stop());

  test('window(window_time(window), "1 hour") over a windowed count', async () => {
    const input = new MemoryStream(StructType([StructField('word', StringType(), true), StructField('ts', TimestampType(), true)]), spark);
    const tenMinutes = input.toDF().withWatermark('ts', '10 minutes').groupBy(window(col('ts'), '10 minutes'), col('word')).agg(count('*').alias('n'));
    const hourly = tenMinutes
      .groupBy(window(window_time(col('window')), '1 hour'))
      .agg(sum('n').alias('total'))
      .selectExpr('CAST(window.start AS STRING) s', 'CAST(window.end AS STRING) e', 'total');
    await testStream(
      hourly,
      'append',
      [
        AddData(input, ['a', at(12, 1)], ['b', at(12, 5)]),
        CheckNewAnswer(),
        AddData(input, ['a', at(12, 25)]),
        CheckNewAnswer(),
        AddData(input, ['c', at(13, 30)]),
        CheckNewAnswer(['2024-01-01 12:00:00', '2024-01-01 13:00:00', 3]),
        AddData(input, ['d', at(15, 20)]),
        CheckNewAnswer(['2024-01-01 13:00:00', '2024-01-01 14:00:00', 1]),
      ],
      { restartAfterEveryBatch },
    );
  });
});
