// More scenarios of Spark's FlatMapGroupsWithStateSuite and TransformWithStateSuite ported to the
// StreamTest helper (same functions, data and expected answers, in Rivulet's API), each streaming
// one also run with a stop and restart from the checkpoint after every batch.
import { GroupStateTimeout, Row, StatefulProcessor, type GroupState, type StreamSession, type TimerValues, type ValueState } from 'rivulet';
import type { StatefulProcessorHandle } from '../../lib/execution/stateful-processor-handle';
import { StringType, StructField, StructType } from 'rivulet/types';
import { AddData, CheckNewAnswer, MemoryStream, StartStream, StopStream, testStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const ROCKSDB = 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider';
const words = StructType([StructField('value', StringType(), true)]);

/** The suite's stateFunc: a running count per key, removed (and not emitted) when it reaches 3. */
function upTo3(key: string, values: IterableIterator<Row>, state: GroupState<number>): Iterable<unknown> {
  const count = (state.getOption ?? 0) + [...values].length;
  if (count === 3) {
    state.remove();
    return [];
  }
  state.update(count);
  return [[key, String(count)]];
}

/** TransformWithStateSuite's RunningCountStatefulProcessor: emits the count, clears it at 3. */
class RunningCount extends StatefulProcessor {
  private count!: ValueState;
  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('countState', 'value long');
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>, _timerValues: TimerValues): Generator<Row> {
    const count = (this.count.exists() ? (this.count.get()![0] as number) : 0) + [...rows].length;
    if (count === 3) {
      this.count.clear();
      return;
    }
    this.count.update([count]);
    yield Row({ key: key[0], count: String(count) });
  }
}

describe.each([false, true])("Spark's stateful suites, ported (restart after every batch: %s)", (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '5', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test("FlatMapGroupsWithStateSuite 'flatMapGroupsWithState - streaming'", async () => {
    const input = new MemoryStream(words, spark);
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(upTo3, 'key string, count string', 'update', GroupStateTimeout.NoTimeout);
    await testStream(
      result,
      'update',
      [
        AddData(input, ['a']),
        CheckNewAnswer(['a', '1']),
        AddData(input, ['a'], ['b']),
        CheckNewAnswer(['a', '2'], ['b', '1']),
        StopStream(),
        StartStream(),
        AddData(input, ['a'], ['b']), // a's count reaches 3 and is removed
        CheckNewAnswer(['b', '2']),
        AddData(input, ['a'], ['c']), // a starts again from 0
        CheckNewAnswer(['a', '1'], ['c', '1']),
      ],
      { restartAfterEveryBatch },
    );
  });

  test("FlatMapGroupsWithStateSuite 'mapGroupsWithState - streaming'", async () => {
    const input = new MemoryStream(words, spark);
    const func = (key: string, values: IterableIterator<Row>, state: GroupState<number>): unknown => {
      const count = (state.getOption ?? 0) + [...values].length;
      if (count === 3) {
        state.remove();
        return [key, '-1'];
      }
      state.update(count);
      return [key, String(count)];
    };
    const result = input.toDF().groupBy('value').mapGroupsWithState(func, 'key string, count string', GroupStateTimeout.NoTimeout);
    await testStream(
      result,
      'update',
      [
        AddData(input, ['a']),
        CheckNewAnswer(['a', '1']),
        AddData(input, ['a'], ['b']),
        CheckNewAnswer(['a', '2'], ['b', '1']),
        StopStream(),
        StartStream(),
        AddData(input, ['a'], ['b']),
        CheckNewAnswer(['a', '-1'], ['b', '2']),
        AddData(input, ['a'], ['c']),
        CheckNewAnswer(['a', '1'], ['c', '1']),
      ],
      { restartAfterEveryBatch },
    );
  });

  test("FlatMapGroupsWithStateSuite 'flatMapGroupsWithState - streaming + aggregation' (append, then a complete count)", async () => {
    const input = new MemoryStream(words, spark);
    // Append mode: emits the key once per call with data (removed at 3, as upTo3).
    const func = (key: string, values: IterableIterator<Row>, state: GroupState<number>): Iterable<unknown> => {
      const count = (state.getOption ?? 0) + [...values].length;
      if (count === 3) {
        state.remove();
        return [[key, '-1']];
      }
      state.update(count);
      return [[key, String(count)]];
    };
    const result = input.toDF().groupBy('value').flatMapGroupsWithState(func, 'key string, count string', 'append', GroupStateTimeout.NoTimeout).groupBy('key').count();
    await testStream(
      result,
      'complete',
      [
        AddData(input, ['a']),
        CheckNewAnswer(['a', 1]),
        AddData(input, ['a'], ['b']),
        CheckNewAnswer(['a', 2], ['b', 1]),
        StopStream(),
        StartStream(),
        AddData(input, ['a'], ['b']), // a's -1 is the third row for a
        CheckNewAnswer(['a', 3], ['b', 2]),
        AddData(input, ['a'], ['c']),
        CheckNewAnswer(['a', 4], ['b', 2], ['c', 1]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test("TransformWithStateSuite 'transformWithState - streaming with rocksdb should succeed'", async () => {
    const input = new MemoryStream(words, spark);
    const result = input.toDF().groupBy('value').transformWithState(new RunningCount(), 'key string, count string', 'Update', 'None');
    await testStream(
      result,
      'update',
      [
        AddData(input, ['a']),
        CheckNewAnswer(['a', '1']),
        AddData(input, ['a'], ['b']),
        CheckNewAnswer(['a', '2'], ['b', '1']),
        StopStream(),
        StartStream(),
        AddData(input, ['a'], ['b']), // a's count is cleared at 3
        CheckNewAnswer(['b', '2']),
        StopStream(),
        StartStream(),
        AddData(input, ['a'], ['c']),
        CheckNewAnswer(['a', '1'], ['c', '1']),
      ],
      { restartAfterEveryBatch },
    );
  });
});

describe('batch queries', () => {
  test("TransformWithStateSuite 'transformWithState - batch should succeed' and FlatMapGroupsWithStateSuite 'flatMapGroupsWithState - batch'", () => {
    const spark = newSession({ 'spark.sql.shuffle.partitions': '5' });
    try {
      const data = spark.createDataFrame([['a'], ['a'], ['b']], 'value string');
      const tws = data.groupBy('value').transformWithState(new RunningCount(), 'key string, count string', 'Append', 'None').collect();
      expect(tws.map((r) => [r.key, r.count]).sort()).toEqual([['a', '2'], ['b', '1']]);
      const fm = data.groupBy('value').flatMapGroupsWithState(upTo3, 'key string, count string', 'update', GroupStateTimeout.NoTimeout).collect();
      expect(fm.map((r) => [r.key, r.count]).sort()).toEqual([['a', '2'], ['b', '1']]);
    } finally {
      spark.stop();
    }
  });
});

