// Spark's StreamingSessionWindowSuite 'append mode - session window' (its sessionWindowQuery: words
// of a line as session ids, a 10 s static gap, a 30 s watermark) ported to the StreamTest helper:
// new sessions before earlier ones, a late row dropped, sessions merged into one, and every closed
// session emitted once when the watermark passes its end. Also run with a stop and restart from the
// checkpoint after every batch.
import type { DataFrame, StreamSession } from 'rivulet';
import { col, count, session_window } from 'rivulet/functions';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, CheckNewAnswer, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';

function sessionWindowQuery(input: MemoryStream): DataFrame {
  const events = input
    .toDF()
    .select(col('_1').alias('value'), col('_2').alias('timestamp'))
    .withColumn('eventTime', col('timestamp').cast('timestamp'))
    .withWatermark('eventTime', '30 seconds')
    .selectExpr("explode(split(value, ' ')) AS sessionId", 'eventTime');
  return events
    .groupBy(session_window(col('eventTime'), '10 seconds').alias('session'), col('sessionId'))
    .agg(count('*').alias('numEvents'))
    .selectExpr('sessionId', 'CAST(session.start AS LONG)', 'CAST(session.end AS LONG)', 'CAST(session.end AS LONG) - CAST(session.start AS LONG) AS durationMs', 'numEvents');
}

describe.each([false, true])("StreamingSessionWindowSuite, ported (restart after every batch: %s)", (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '5' });
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test("'append mode - session window'", async () => {
    const input = new MemoryStream(StructType([StructField('_1', StringType(), true), StructField('_2', LongType(), true)]), spark);
    await testStream(
      sessionWindowQuery(input),
      'append',
      [
        AddData(input, ['hello world spark streaming', 40n], ['world hello structured streaming', 41n]),
        CheckNewAnswer(), // watermark 11
        AddData(input, ['spark streaming', 25n]), // new sessions before the earlier ones
        CheckNewAnswer(),
        AddData(input, ['spark streaming', 0n]), // late: its session would end at 10 < watermark 11
        CheckNewAnswer(),
        AddData(input, ['spark streaming', 30n]), // joins the sessions at 25 and 40 into one
        CheckNewAnswer(),
        AddData(input, ['hello apache spark', 60n]), // watermark 30
        CheckNewAnswer(),
        AddData(input, ['structured streaming', 90n]), // watermark 60: the sessions ending by 51 close
        CheckNewAnswer(['spark', 25, 50, 25, 3], ['streaming', 25, 51, 26, 4], ['hello', 40, 51, 11, 2], ['world', 40, 51, 11, 2], ['structured', 41, 51, 10, 1]),
      ],
      { restartAfterEveryBatch },
    );
  });
});
