// Arbitrary stateful processing: applyInPandasWithState (PySpark shape) and
// flatMapGroupsWithState / mapGroupsWithState (Scala shape) with GroupState and timeouts. Expected
// outputs and error texts were recorded from PySpark 4.2.0 running the same programs (the
// scenarios' PySpark sides are quoted in comments); every stateful scenario also runs with a stop
// and restart from the checkpoint after each batch.
import { GroupStateTimeout, type GroupState, type Row, type StreamSession } from 'rivulet';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, AdvanceManualClock, CheckLastBatch, CheckNewAnswer, ExpectFailure, MemoryStream, StopStream, StartStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

const sales = StructType([StructField('category', StringType(), true), StructField('amount', LongType(), true)]);

/** The seed's running totals: def func(key, pdfs, state): total = state.get[0] if state.exists else 0 ... */
function* runningTotal(key: unknown[], frames: Iterable<Row[]>, state: GroupState<Row>): Generator<unknown> {
  let total = state.exists ? (state.get[0] as number) : 0;
  for (const frame of frames) for (const r of frame) total += r.amount as number;
  state.update([total]);
  yield [{ category: key[0], total }];
}

describe.each([false, true])('arbitrary stateful processing (restart after every batch: %s)', (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  test('applyInPandasWithState keeps running totals per category (update mode)', async () => {
    const input = new MemoryStream(sales, spark);
    const totals = input.toDF().groupBy('category').applyInPandasWithState(runningTotal, 'category string, total long', 'total long', 'update', GroupStateTimeout.NoTimeout);
    await testStream(
      totals,
      'update',
      [
        AddData(input, ['books', 10], ['games', 5], ['books', 7]),
        CheckLastBatch(['books', 17], ['games', 5]),
        AddData(input, ['games', 1]),
        CheckLastBatch(['games', 6]),
        StopStream(),
        StartStream(),
        AddData(input, ['books', 3], ['toys', 2]),
        CheckLastBatch(['books', 20], ['toys', 2]),
      ],
      { restartAfterEveryBatch },
    );
  });

  // PySpark side: sessions per user with GroupStateTimeout.EventTimeTimeout, withWatermark('ts',
  // '5 seconds'), state.setTimeoutTimestamp(last * 1000 + 10000); each addition is a file, and the
  // batches Spark ran (including its no-data batches) are checked per addition.
  test('applyInPandasWithState with an event-time timeout: late rows dropped, keys time out as the watermark passes', async () => {
    const input = new MemoryStream(StructType([StructField('user', StringType(), true), StructField('t', LongType(), true)]), spark);
    function* sessions(key: unknown[], frames: Iterable<Row[]>, state: GroupState<Row>): Generator<unknown> {
      if (state.hasTimedOut) {
        const [count, first, last] = [...(state.get as unknown as Iterable<number>)];
        state.remove();
        yield { user: key[0], count, first, last, timedOut: true, wm: state.getCurrentWatermarkMs() };
        return;
      }
      let [count, first, last] = state.exists ? [...(state.get as unknown as Iterable<number | null>)] : [0, null, null];
      for (const frame of frames) {
        for (const r of frame) {
          const t = r.t as number;
          count = (count as number) + 1;
          if (first === null || t < first) first = t;
          if (last === null || t > last) last = t;
        }
      }
      state.update([count, first, last]);
      state.setTimeoutTimestamp(Number(last) * 1000 + 10000);
      yield { user: key[0], count, first, last, timedOut: false, wm: state.getCurrentWatermarkMs() };
    }
    const out = input
      .toDF()
      .selectExpr('user', 't', 'timestamp_seconds(t) AS ts')
      .withWatermark('ts', '5 seconds')
      .groupBy('user')
      .applyInPandasWithState(sessions, 'user string, count long, first long, last long, timedOut boolean, wm long', 'count long, first long, last long', 'update', GroupStateTimeout.EventTimeTimeout);
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 10], ['b', 11]),
        CheckNewAnswer(['a', 1, 10, 10, false, 0], ['b', 1, 11, 11, false, 0]),
        AddData(input, ['a', 15]),
        CheckNewAnswer(['a', 2, 10, 15, false, 6000]),
        AddData(input, ['c', 40]),
        CheckNewAnswer(['c', 1, 40, 40, false, 10000], ['a', 2, 10, 15, true, 35000], ['b', 1, 11, 11, true, 35000]),
        AddData(input, ['a', 12], ['c', 41]),
        CheckNewAnswer(['c', 2, 40, 41, false, 35000]),
        AddData(input, ['d', 100]),
        CheckNewAnswer(['d', 1, 100, 100, false, 36000], ['c', 2, 40, 41, true, 95000]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('flatMapGroupsWithState (Scala shape) with immer updates and a processing-time timeout', async () => {
    const input = new MemoryStream(StringType(), spark);
    interface Counter {
      count: number;
      seen: string[];
    }
    const out = input
      .toDF()
      .groupBy('value')
      .flatMapGroupsWithState<Counter>(
        (key: string, values, state) => {
          if (state.hasTimedOut) {
            const final = state.get;
            state.remove();
            return [[key, final.count, 'expired']];
          }
          const n = [...values].length;
          if (state.exists) {
            state.update((draft) => {
              draft.count += n;
              draft.seen.push(`+${n}`);
            });
          } else {
            state.update({ count: n, seen: [`+${n}`] });
          }
          state.setTimeoutDuration('10 seconds');
          return [[key, state.get.count, state.get.seen.join('')]];
        },
        'key string, count int, note string',
        'update',
        GroupStateTimeout.ProcessingTimeTimeout,
      );
    await testStream(
      out,
      'update',
      [
        AddData(input, 'a', 'a', 'b'),
        CheckNewAnswer(['a', 2, '+2'], ['b', 1, '+1']),
        AdvanceManualClock(5000),
        AddData(input, 'a'),
        CheckNewAnswer(['a', 3, '+2+1']),
        // b's timeout (0 + 10 s) is due at 10 001 ms; a's (5 s + 10 s) is not.
        AdvanceManualClock(5001),
        CheckNewAnswer(['b', 1, 'expired']),
        AdvanceManualClock(5000),
        CheckNewAnswer(['a', 3, 'expired']),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('mapGroupsWithState returns one row per key and call', async () => {
    const input = new MemoryStream(StringType(), spark);
    const out = input
      .toDF()
      .groupBy('value')
      .mapGroupsWithState<number>((key: string, values, state) => {
        const n = state.getOption ?? 0;
        const next = n + [...values].length;
        state.update(next);
        return { key, count: next };
      }, 'key string, count int');
    await testStream(out, 'update', [AddData(input, 'x', 'y', 'x'), CheckLastBatch(['x', 2], ['y', 1]), AddData(input, 'y'), CheckLastBatch(['y', 2])], { restartAfterEveryBatch });
  });
});

describe('arbitrary stateful processing: Spark legality rules and GroupState errors', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(() => spark.stop());

  const start = (df: import('rivulet').DataFrame, mode: string) => () => df.writeStream.outputMode(mode).format('noop').start();

  test('output modes, aggregations and event-time timeouts are checked as Spark does', () => {
    const input = new MemoryStream(sales, spark);
    const df = input.toDF();
    const fn = (mode: string, timeout: string = GroupStateTimeout.NoTimeout) => df.groupBy('category').applyInPandasWithState(runningTotal, 'category string, total long', 'total long', mode, timeout);
    const updating = fn('update');
    const id = (d: import('rivulet').DataFrame) => (d.plan as unknown as { output: { name: string; exprId: number }[] }).output.map((a) => `${a.name}#${a.exprId}`).join(', ');
    const inputIds = id(df);
    expect(errorOf(start(updating, 'append')).message).toBe(
      'applyInPandasWithState in update mode is not supported with Append output mode on a streaming DataFrame/Dataset;\n' +
        `FlatMapGroupsInPandasWithState runningTotal(${inputIds}), [${inputIds.split(', ')[0]}], [${id(updating)}], [StructField(total,LongType,true)], Update, NoTimeout\n` +
        `+- StreamingRelation memory-stream, [${inputIds}]`,
    );
    expect(errorOf(start(fn('append'), 'update')).message).toMatch(/^applyInPandasWithState in append mode is not supported with Update output mode on a streaming DataFrame\/Dataset;\n/);
    expect(errorOf(start(fn('update'), 'complete')).message).toBe(
      '[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets. SQLSTATE: 42KDE',
    );
    expect(errorOf(start(fn('update', GroupStateTimeout.EventTimeTimeout), 'update')).message).toMatch(
      /^Watermark must be specified in the query using '\[Dataset\/DataFrame\]\.withWatermark\(\)' for using event-time timeout in a applyInPandasWithState\. Event-time timeout not supported without watermark\.;\n/,
    );
    expect(errorOf(start(fn('update').groupBy('category').count(), 'update')).message).toMatch(/^applyInPandasWithState in update mode is not supported with aggregation on a streaming DataFrame\/Dataset;\n/);
    // An append-mode function may feed an aggregation (Spark runs it).
    expect(() => start(fn('append').groupBy('category').count(), 'update')().stop()).not.toThrow();
    const windowed = df.selectExpr('category', 'amount', 'timestamp_seconds(amount) AS ts').withWatermark('ts', '1 minute').groupBy('category', 'ts').count();
    expect(errorOf(start(windowed.groupBy('category').applyInPandasWithState(runningTotal, 'category string, total long', 'total long', 'append', GroupStateTimeout.NoTimeout), 'append')).message).toMatch(
      /^applyInPandasWithState in append mode is not supported after aggregation on a streaming DataFrame\/Dataset;\n/,
    );
    const mapped = df.groupBy('category').mapGroupsWithState(() => ['x'], 'k string');
    expect(errorOf(start(mapped, 'append')).message).toMatch(/^mapGroupsWithState is not supported with Append output mode on a streaming DataFrame\/Dataset;\n/);
    expect(errorOf(() => fn('bogus')).message).toBe("[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: bogus. Accepted output modes are 'Append', 'Complete', 'Update'. SQLSTATE: 42KDE");
  });

  test('GroupState methods fail with PySpark texts (applyInPandasWithState) and Spark texts (flatMapGroupsWithState)', async () => {
    const input = new MemoryStream(StringType(), spark);
    const errors: string[] = [];
    const tryAll = (state: GroupState<unknown>) => {
      for (const f of [
        () => state.get,
        () => state.update(null as never),
        () => state.setTimeoutDuration(1000),
        () => state.setTimeoutTimestamp(1000),
        () => state.getCurrentWatermarkMs(),
      ]) {
        try {
          f();
          errors.push('ok');
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
    };
    const pandas = input.toDF().groupBy('value').applyInPandasWithState(
      (_k, _f, state) => {
        tryAll(state as GroupState<unknown>);
        return [];
      },
      'v string',
      'n long',
      'update',
      GroupStateTimeout.NoTimeout,
    );
    const scala = input.toDF().groupBy('value').flatMapGroupsWithState(
      (_k, _v, state) => {
        tryAll(state);
        return [];
      },
      'v string',
      'update',
    );
    for (const df of [pandas, scala]) {
      const q = df.writeStream.outputMode('update').format('noop').start();
      input.addData('a');
      await q.processAllAvailable();
      await q.stop();
    }
    expect(errors).toEqual([
      '[STATE_NOT_EXISTS] State is either not defined or has already been removed.',
      '[CANNOT_BE_NONE] Argument `newValue` cannot be None.',
      '[CANNOT_WITHOUT] Cannot set timeout duration without enabling processing time timeout in applyInPandasWithState.',
      '[CANNOT_WITHOUT] Cannot set timeout duration without enabling processing time timeout in applyInPandasWithState.',
      '[CANNOT_WITHOUT] Cannot get event time watermark timestamp without setting watermark before applyInPandasWithState.',
      'State is either not defined or has already been removed',
      "'null' is not a valid state value",
      'Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState.',
      'Cannot set timeout timestamp without enabling event time timeout in [map|flatMapGroupsWithState.',
      'Cannot get event time watermark timestamp without setting watermark before [map|flatMap]GroupsWithState.',
    ]);
  });

  test('an error thrown by the function fails the query with FLATMAPGROUPSWITHSTATE_USER_FUNCTION_ERROR', async () => {
    const input = new MemoryStream(StringType(), spark);
    const df = input.toDF().groupBy('value').flatMapGroupsWithState(() => {
      throw new Error('boom');
    }, 'v string', 'update');
    await testStream(df, 'update', [
      AddData(input, 'a'),
      ExpectFailure((e) => expect(e.message).toContain('[FLATMAPGROUPSWITHSTATE_USER_FUNCTION_ERROR] An error occurred in the user provided function in flatMapGroupsWithState. Reason: boom SQLSTATE: 39000')),
    ]);
  });
});
