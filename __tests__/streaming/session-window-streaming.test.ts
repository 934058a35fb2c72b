// Session windows in streaming aggregations. Expected batches were recorded from PySpark 4.2.0 on
// the same input (file source, one file per addition, foreachBatch): append mode with a watermark
// emits each session once when the watermark closes it, with static and per-row (dynamic) gaps;
// Spark 4.2 refuses Update mode and global session aggregations. Every scenario also runs with a
// stop and restart from the checkpoint after each batch.
import type { DataFrame, StreamSession } from 'rivulet';
import { col, count, lit, session_window, when } from 'rivulet/functions';
import { LongType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { AddData, CheckLastBatch, CheckNewAnswer, ExpectFailure, MemoryStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';
import { captureStdout } from '../support/capture-stdout';
import { sessionize } from '../../examples/structured_sessionization';
import { runningTotals } from '../../examples/running_totals_with_state';

const schema = StructType([StructField('sessionId', StringType(), true), StructField('t', LongType(), true)]);

function sessions(input: MemoryStream, gap: 'static' | 'dynamic'): DataFrame {
  const ev = input.toDF().selectExpr('sessionId', 'timestamp_seconds(t) AS eventTime').withWatermark('eventTime', '10 seconds');
  const g = gap === 'static' ? '10 seconds' : when(col('sessionId').eqNullSafe('a'), lit('5 seconds')).otherwise(lit('20 seconds'));
  return ev
    .groupBy(session_window(col('eventTime'), g).alias('session'), 'sessionId')
    .agg(count('*').alias('numEvents'))
    .selectExpr('sessionId', 'CAST(session.start AS LONG)', 'CAST(session.end AS LONG)', 'numEvents');
}

const additions: [string, bigint][][] = [
  [['a', 10n], ['b', 11n], ['a', 15n]],
  [['a', 30n], ['b', 14n]],
  [['a', 22n], ['c', 50n]],
  [['a', 5n], ['b', 100n]],
];

describe.each([false, true])('streaming session windows (restart after every batch: %s)', (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  test('append mode with a static gap: sessions merge across batches and are emitted once closed', async () => {
    const input = new MemoryStream(schema, spark);
    await testStream(
      sessions(input, 'static'),
      'append',
      [
        AddData(input, ...additions[0]),
        CheckNewAnswer(),
        AddData(input, ...additions[1]),
        CheckNewAnswer(),
        AddData(input, ...additions[2]),
        CheckNewAnswer(['a', 10, 40, 4], ['b', 11, 24, 2]),
        // (a, 5) is late (its session ends at 15 s, the watermark is 40 s).
        AddData(input, ...additions[3]),
        CheckNewAnswer(['c', 50, 60, 1]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('append mode with a dynamic gap per row', async () => {
    const input = new MemoryStream(schema, spark);
    await testStream(
      sessions(input, 'dynamic'),
      'append',
      [
        AddData(input, ...additions[0]),
        CheckNewAnswer(),
        AddData(input, ...additions[1]),
        CheckNewAnswer(['a', 10, 20, 2]),
        AddData(input, ...additions[2]),
        CheckNewAnswer(['a', 22, 27, 1], ['a', 30, 35, 1], ['b', 11, 34, 2]),
        AddData(input, ...additions[3]),
        CheckNewAnswer(['c', 50, 70, 1]),
      ],
      { restartAfterEveryBatch },
    );
  });
});

describe('streaming session windows in Complete mode', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  // PySpark side: structured_sessionization.py's query (no watermark) in Complete mode.
  test.each([false, true])('every session in state, merged across batches (restart after every batch: %s)', async (restartAfterEveryBatch) => {
    const input = new MemoryStream(schema, spark);
    const ev = input.toDF().selectExpr('sessionId', 'timestamp_seconds(t) AS eventTime');
    const df = ev
      .groupBy(session_window(col('eventTime'), '10 seconds').alias('session'), col('sessionId'))
      .agg(count('*').alias('numEvents'))
      .selectExpr('sessionId', 'CAST(session.start AS LONG)', 'CAST(session.end AS LONG)', 'CAST(session.end AS LONG) - CAST(session.start AS LONG) AS durationMs', 'numEvents');
    await testStream(
      df,
      'complete',
      [
        AddData(input, ...additions[0]),
        CheckLastBatch(['a', 10, 25, 15, 2], ['b', 11, 21, 10, 1]),
        AddData(input, ...additions[1]),
        CheckLastBatch(['a', 10, 25, 15, 2], ['a', 30, 40, 10, 1], ['b', 11, 24, 13, 2]),
      ],
      { restartAfterEveryBatch },
    );
  });
});

describe('streaming session windows: what Spark 4.2 refuses', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  test('Update mode is refused for session windows, with or without a watermark', () => {
    const input = new MemoryStream(schema, spark);
    const noWatermark = input.toDF().selectExpr('sessionId', 'timestamp_seconds(t) AS eventTime').groupBy(session_window(col('eventTime'), '10 seconds'), 'sessionId').count();
    for (const df of [sessions(input, 'static'), noWatermark]) {
      expect(errorOf(() => df.writeStream.outputMode('update').format('noop').start()).message).toBe(
        '[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: update. This output mode is not supported for session window streaming aggregations on streaming DataFrames/DataSets. SQLSTATE: 42KDE',
      );
    }
  });

  test('a global session aggregation fails when the query starts', async () => {
    const input = new MemoryStream(schema, spark);
    const global = input.toDF().selectExpr('timestamp_seconds(t) AS eventTime').withWatermark('eventTime', '10 seconds').groupBy(session_window(col('eventTime'), '10 seconds')).count();
    await testStream(global, 'append', [
      AddData(input, ['a', 1n]),
      ExpectFailure((e) => expect(e.message).toContain('terminated with exception: Global aggregation with session window in streaming query is not supported.')),
    ]);
  });
});

describe('examples', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  test('examples/structured_sessionization.ts prints each session once it closes', async () => {
    const input = new MemoryStream(StructType([StructField('value', StringType(), true), StructField('timestamp', TimestampType(), true)]), spark);
    const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 12, 0, s));
    const out = captureStdout();
    try {
      const q = sessionize(input.toDF()).writeStream.outputMode('append').format('console').start();
      for (const lines of [[['alice bob', at(0)], ['alice', at(5)]], [['bob carol', at(9)]], [['dave', at(40)]], [['erin', at(59)]]]) {
        input.addData(...lines);
        await q.processAllAvailable();
      }
      await q.stop();
    } finally {
      out.restore();
    }
    expect(out.text()).toMatchSnapshot();
  });

  test('examples/running_totals_with_state.ts keeps running totals per category across a restart', async () => {
    const input = new MemoryStream(StructType([StructField('category', StringType(), true), StructField('amount', LongType(), true)]), spark);
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'totals-'));
    const out = captureStdout();
    try {
      const batches: [string, bigint][][] = [[['books', 12n], ['games', 30n], ['books', 8n]], [['games', 5n]], [['toys', 7n], ['books', 1n]]];
      for (const b of batches) {
        // A new run per batch: the totals come back from the checkpoint.
        const q = runningTotals(input.toDF()).writeStream.outputMode('update').format('console').option('checkpointLocation', dir).start();
        input.addData(...b);
        await q.processAllAvailable();
        await q.stop();
      }
    } finally {
      out.restore();
      require('node:fs').rmSync(dir, { recursive: true, force: true });
    }
    expect(out.text()).toMatchSnapshot();
  });
});
