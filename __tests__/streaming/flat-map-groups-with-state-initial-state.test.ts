// flatMapGroupsWithState / mapGroupsWithState with Scala's initialState, ported from Spark's
// FlatMapGroupsWithStateWithInitialStateSuite to the StreamTest helper: the initial state seeds
// the keys in the first batch only (not again after a restart), keys only in the initial state are
// called with no values, a state the function does not update is kept, duplicate initial keys fail
// with Spark's text, a streaming initial state is refused, batch queries take one too. PySpark has
// no initial state for applyInPandasWithState (its signature ends at timeoutConf), so these have no
// paired PySpark scenario. Each streaming case also runs with a restart after every batch.
import { GroupStateTimeout, type GroupState, type Row, type StreamSession } from 'rivulet';
import { StringType, StructField, StructType } from 'rivulet/types';
import { AddData, AdvanceManualClock, CheckNewAnswer, ExpectFailure, MemoryStream, StartStream, StopStream, testStream } from 'rivulet/testing';
import { ManualClock } from '../../lib/streaming/clock';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';

const words = StructType([StructField('value', StringType(), true)]);

/** The suite's flatMapGroupsWithStateFunc: the key, its values and the count after them. */
function countFunc(key: string, values: IterableIterator<Row>, state: GroupState<number>): Iterable<unknown> {
  const list = [...values].map((r) => r.value as string);
  if (list.length === 0 && !state.exists) throw new Error('called with no values and no state');
  if (state.hasTimedOut) throw new Error('timed out');
  const count = (state.getOption ?? 0) + list.length;
  // "keyNoUpdate": the initial state must be kept without an update.
  if (!key.includes('NoUpdate')) state.update(count);
  return [[key, list.join(','), String(count)]];
}

const initialRows = [
  ['keyInStateAndData-1', 1],
  ['keyInStateAndData-2', 2],
  ['keyNoUpdate', 2],
  ['keyOnlyInState-1', 1],
];

describe.each([false, true])('flatMapGroupsWithState with an initial state (restart after every batch: %s)', (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '3' });
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('all cases: keys in state and data, only in state, only in data, no update; not applied again after a restart', async () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame(initialRows, 'key string, count long').groupBy('key');
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', GroupStateTimeout.NoTimeout, initial);
    await testStream(
      result,
      'update',
      [
        AddData(input, ['keyOnlyInData'], ['keyInStateAndData-2']),
        CheckNewAnswer(
          ['keyOnlyInState-1', '', '1'],
          ['keyNoUpdate', '', '2'],
          ['keyInStateAndData-2', 'keyInStateAndData-2', '3'],
          ['keyInStateAndData-1', '', '1'],
          ['keyOnlyInData', 'keyOnlyInData', '1'],
        ),
        StopStream(),
        StartStream(),
        AddData(input, ['keyInStateAndData-1']),
        CheckNewAnswer(['keyInStateAndData-1', 'keyInStateAndData-1', '2']),
        AddData(input, ['keyNoUpdate']),
        // The initial state (2) was stored although the function never updated it.
        CheckNewAnswer(['keyNoUpdate', 'keyNoUpdate', '3']),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('mapGroupsWithState with an initial state holding a null key', async () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame([['key', 5], [null, 2]], 'key string, count long').groupBy('key');
    const func = (key: string | null, values: IterableIterator<Row>, state: GroupState<number>): unknown => {
      const count = (state.getOption ?? 0) + [...values].length;
      state.update(count);
      return [key, String(state.get)];
    };
    const result = input.toDF().groupBy('value').mapGroupsWithState(func, 'key string, count string', GroupStateTimeout.NoTimeout, initial);
    await testStream(result, 'update', [AddData(input, ['key'], [null]), CheckNewAnswer(['key', '6'], [null, '3'])], { restartAfterEveryBatch });
  });

  test('processing-time timeout: an initial-state key times out like any other', async () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame([['c', 2]], 'key string, count long').groupBy('key');
    const func = (key: string, values: IterableIterator<Row>, state: GroupState<number>): Iterable<unknown> => {
      if (state.hasTimedOut) {
        state.remove();
        return [[key, '-1']];
      }
      const count = (state.getOption ?? 0) + [...values].length;
      state.update(count);
      state.setTimeoutDuration('10 seconds');
      return [[key, String(count)]];
    };
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(func, 'key string, count string', 'update', GroupStateTimeout.ProcessingTimeTimeout, initial);
    await testStream(
      result,
      'update',
      [AddData(input, ['a']), AdvanceManualClock(1_000), CheckNewAnswer(['a', '1'], ['c', '2']), AdvanceManualClock(10_000), AddData(input, ['b']), AdvanceManualClock(1_000), CheckNewAnswer(['a', '-1'], ['b', '1'], ['c', '-1'])],
      { restartAfterEveryBatch, clock: new ManualClock(0) },
    );
  });

  test('the state value of an initial state with several value columns is an object keyed by column', async () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame([['a', 10, 'x']], 'key string, count long, tag string').groupBy('key');
    const func = (key: string, values: IterableIterator<Row>, state: GroupState<{ count: number; tag: string }>): Iterable<unknown> => {
      const n = [...values].length;
      const before = state.getOption ?? { count: 0, tag: 'new' };
      state.update({ count: Number(before.count) + n, tag: before.tag });
      return [[key, `${state.get.tag}:${state.get.count}`]];
    };
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(func, 'key string, s string', 'update', GroupStateTimeout.NoTimeout, initial);
    await testStream(result, 'update', [AddData(input, ['a'], ['b']), CheckNewAnswer(['a', 'x:11'], ['b', 'new:1']), AddData(input, ['a']), CheckNewAnswer(['a', 'x:12'])], { restartAfterEveryBatch });
  });
});

describe('flatMapGroupsWithState initial state: rules and errors (Spark texts)', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2' });
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('duplicate keys in the initial state fail the query', async () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame([['a', 2], ['a', 1]], 'key string, count long').groupBy('key');
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', GroupStateTimeout.NoTimeout, initial);
    await testStream(result, 'update', [
      AddData(input, ['a']),
      ExpectFailure((e) => {
        expect(e.message).toContain('The initial state provided contained multiple rows(state) with the same key. Make sure to de-duplicate the initial state before passing it.');
      }),
    ]);
  });

  test('batch mode: the initial state seeds the keys (every timeout kind); duplicates fail', () => {
    for (const timeout of [GroupStateTimeout.NoTimeout, GroupStateTimeout.EventTimeTimeout, GroupStateTimeout.ProcessingTimeTimeout]) {
      const initial = spark.createDataFrame([[`keyInStateAndData-1-${timeout}`, 1], ['keyInStateAndData-2', 2], ['keyNoUpdate', 2], ['keyOnlyInState-1', 1]], 'key string, count long').groupBy('key');
      const data = spark.createDataFrame([['keyOnlyInData'], ['keyInStateAndData-2']], 'value string');
      const rows = data.groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', timeout, initial).collect().map((r) => [...(r as unknown as Iterable<unknown>)]);
      expect(rows.sort()).toEqual(
        [
          ['keyOnlyInState-1', '', '1'],
          ['keyNoUpdate', '', '2'],
          ['keyInStateAndData-2', 'keyInStateAndData-2', '3'],
          [`keyInStateAndData-1-${timeout}`, '', '1'],
          ['keyOnlyInData', 'keyOnlyInData', '1'],
        ].sort(),
      );
    }
    const dup = spark.createDataFrame([['a', 1], ['a', 2]], 'key string, count long').groupBy('key');
    const data = spark.createDataFrame([['a'], ['b']], 'value string');
    const e = errorOf(() => data.groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', GroupStateTimeout.NoTimeout, dup).collect());
    expect(e.message).toContain('The initial state provided contained multiple rows(state) with the same key. Make sure to de-duplicate the initial state before passing it.');
  });

  test('a streaming initial state is refused when the query starts', () => {
    const input = new MemoryStream(words, spark);
    const stateStream = new MemoryStream(StructType([StructField('key', StringType(), true), StructField('count', StringType(), true)]), spark);
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', GroupStateTimeout.NoTimeout, stateStream.toDF().groupBy('key'));
    const e = errorOf(() => result.writeStream.format('console').outputMode('update').start());
    expect(e.message).toContain('Non-streaming DataFrame/Dataset is not supported as the initial state in [flatMap|map]GroupsWithState operation on a streaming DataFrame/Dataset');
  });

  test('the initial state must be grouped by keys of the same types', () => {
    const input = new MemoryStream(words, spark);
    const initial = spark.createDataFrame([[1, 2]], 'key long, count long').groupBy('key');
    const e = errorOf(() => input.toDF().groupBy('value').flatMapGroupsWithState(countFunc, 'key string, vals string, count string', 'update', GroupStateTimeout.NoTimeout, initial));
    expect(e.message).toBe('The initial state of flatMapGroupsWithState must be grouped by keys of the types the data is grouped by: [string], got [bigint].');
  });
});
