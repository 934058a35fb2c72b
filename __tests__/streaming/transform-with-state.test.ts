// transformWithState (Spark 4's arbitrary stateful processing v2, PySpark 4.1's Row shape) and
// transformWithStateInPandas. Expected outputs and error texts were recorded from PySpark 4.2.0 with
// the RocksDB state store running the same processors over file sources (the PySpark sides are in
// oracle/scenarios/stateful-tws/*); each stateful case also runs with a stop and restart from the
// checkpoint after every batch.
import { Row, StatefulProcessor, type ExpiredTimerInfo, type ListState, type MapState, type StreamSession, type TimerValues, type ValueState } from 'rivulet';
// The handle is built by the engine; this test builds one directly to check its argument rules.
import { StatefulProcessorHandle } from '../../lib/execution/stateful-processor-handle';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DoubleType, LongType, StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { AddData, AdvanceManualClock, CheckNewAnswer, ExpectFailure, MemoryStream, testStream } from 'rivulet/testing';
import { ManualClock } from '../../lib/streaming/clock';
import { newSession } from '../support/session';
import { errorOf } from '../support/errors';
import { captureStdout } from '../support/capture-stdout';

/** TransformWithState runs on Spark's RocksDB provider only (Rivulet: the lmdb store). */
const ROCKSDB = 'org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider';
const kv = StructType([StructField('k', StringType(), true), StructField('v', LongType(), true)]);
const kt = StructType([StructField('k', StringType(), true), StructField('t', LongType(), true)]);

/** The PySpark docs' counter: a ValueState per key. */
class Counter extends StatefulProcessor {
  private count!: ValueState;
  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'c long');
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const _ of rows) c += 1;
    this.count.update([c]);
    yield Row({ k: key[0], count: c, pt: timerValues.getCurrentProcessingTimeInMs() > 0, wm: timerValues.getCurrentWatermarkInMs() });
  }
}

class ListAndMap extends StatefulProcessor {
  private items!: ListState;
  private totals!: MapState;
  init(handle: StatefulProcessorHandle): void {
    this.items = handle.getListState('items', 'v long');
    this.totals = handle.getMapState('m', 'name string', 'total long');
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>): Generator<Row> {
    for (const r of rows) {
      this.items.appendValue([r.v]);
      const cur = this.totals.getValue([r.name]);
      this.totals.updateValue([r.name], [(cur ? (cur[0] as number) : 0) + (r.v as number)]);
    }
    const all = [...this.items.get()].map((t) => t[0]);
    if (all.length >= 3) this.items.clear();
    const names = [...this.totals.keys()].map((k) => k[0] as string).sort();
    const totals = names.map((n) => `${n}=${this.totals.getValue([n])![0] as number}`).join(',');
    if (this.totals.containsKey(['x'])) this.totals.removeKey(['x']);
    yield Row({ k: key[0], items: `[${all.join(', ')}]`, totals, listExists: this.items.exists(), mapExists: this.totals.exists() });
  }
}

class WithInitialState extends StatefulProcessor {
  private count!: ValueState;
  init(handle: StatefulProcessorHandle): void {
    this.count = handle.getValueState('count', 'c long');
  }
  override handleInitialState(_key: string[], initialState: Row): void {
    this.count.update([initialState.start]);
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>): Generator<Row> {
    let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
    for (const r of rows) c += r.v as number;
    this.count.update([c]);
    yield Row({ k: key[0], total: c });
  }
}

describe.each([false, true])('transformWithState (restart after every batch: %s)', (restartAfterEveryBatch) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('a ValueState counter per key (timeMode None: no processing time, no watermark)', async () => {
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new Counter(), 'k string, count long, pt boolean, wm long', 'Update', 'None');
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 1], ['b', 2], ['a', 3]),
        CheckNewAnswer(['a', 2, false, -1], ['b', 1, false, -1]),
        AddData(input, ['a', 4]),
        CheckNewAnswer(['a', 3, false, -1]),
        AddData(input, ['c', 5], ['b', 6]),
        CheckNewAnswer(['b', 2, false, -1], ['c', 1, false, -1]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('ListState and MapState: append, get, clear, updateValue, keys, containsKey, removeKey, exists', async () => {
    const input = new MemoryStream(StructType([StructField('k', StringType(), true), StructField('name', StringType(), true), StructField('v', LongType(), true)]), spark);
    const out = input.toDF().groupBy('k').transformWithState(new ListAndMap(), 'k string, items string, totals string, listExists boolean, mapExists boolean', 'Update', 'None');
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 'x', 1], ['a', 'y', 2]),
        CheckNewAnswer(['a', '[1, 2]', 'x=1,y=2', true, true]),
        AddData(input, ['a', 'y', 3], ['b', 'x', 4]),
        CheckNewAnswer(['a', '[1, 2, 3]', 'y=5', false, true], ['b', '[4]', 'x=4', true, false]),
        AddData(input, ['a', 'z', 5]),
        CheckNewAnswer(['a', '[5]', 'y=5,z=5', true, true]),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('initial state: handleInitialState runs in the first batch, also for keys without rows', async () => {
    const input = new MemoryStream(kv, spark);
    const initial = spark.createDataFrame([['a', 100], ['z', 7]], 'k string, start long').groupBy('k');
    const out = input.toDF().groupBy('k').transformWithState(new WithInitialState(), 'k string, total long', 'Update', 'None', initial);
    await testStream(
      out,
      'update',
      [AddData(input, ['a', 1], ['b', 2]), CheckNewAnswer(['a', 101], ['b', 2]), AddData(input, ['z', 1], ['a', 1]), CheckNewAnswer(['a', 102], ['z', 8])],
      { restartAfterEveryBatch },
    );
  });

  test('event-time timers: registerTimer/deleteTimer/listTimers, expiry once the watermark passes, late rows dropped', async () => {
    class EventTimer extends StatefulProcessor {
      private handle!: StatefulProcessorHandle;
      private last!: ValueState;
      init(handle: StatefulProcessorHandle): void {
        this.handle = handle;
        this.last = handle.getValueState('last', 't long');
      }
      *handleInputRows(key: string[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
        let max: number | null = null;
        for (const r of rows) {
          const t = (r.ts as Date).getTime();
          max = max === null || t > max ? t : max;
        }
        for (const old of [...this.handle.listTimers()]) this.handle.deleteTimer(old);
        this.last.update([max]);
        this.handle.registerTimer(max! + 5000);
        yield Row({ k: key[0], kind: 'data', t: max, wm: timerValues.getCurrentWatermarkInMs(), timers: `[${[...this.handle.listTimers()].join(', ')}]` });
      }
      override *handleExpiredTimer(key: string[], timerValues: TimerValues, info: ExpiredTimerInfo): Generator<Row> {
        yield Row({ k: key[0], kind: 'expired', t: info.getExpiryTimeInMs(), wm: timerValues.getCurrentWatermarkInMs(), timers: `[${[...this.handle.listTimers()].join(', ')}]` });
        this.last.clear();
      }
    }
    const input = new MemoryStream(kt, spark);
    const out = input
      .toDF()
      .selectExpr('k', 'timestamp_seconds(t) ts')
      .withWatermark('ts', '2 seconds')
      .groupBy('k')
      .transformWithState(new EventTimer(), 'k string, kind string, t long, wm long, timers string', 'Update', 'EventTime');
    // PySpark ran the same additions as batches 0-8 (no-data batches where the watermark moved).
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 1], ['b', 2]),
        CheckNewAnswer(['a', 'data', 1000, 0, '[6000]'], ['b', 'data', 2000, 0, '[7000]']),
        AddData(input, ['a', 4]),
        CheckNewAnswer(['a', 'data', 4000, 0, '[9000]']),
        AddData(input, ['c', 10]),
        CheckNewAnswer(['c', 'data', 10000, 2000, '[15000]'], ['b', 'expired', 7000, 8000, '[7000]']),
        AddData(input, ['a', 11]),
        CheckNewAnswer(['a', 'data', 11000, 8000, '[16000]']),
        AddData(input, ['c', 30]),
        CheckNewAnswer(['c', 'data', 30000, 9000, '[35000]'], ['a', 'expired', 16000, 28000, '[16000]']),
      ],
      { restartAfterEveryBatch },
    );
  });

  test('processing-time timers fire at or after their time, after the data of the batch, then are deleted', async () => {
    class PtTimer extends StatefulProcessor {
      private handle!: StatefulProcessorHandle;
      init(handle: StatefulProcessorHandle): void {
        this.handle = handle;
      }
      *handleInputRows(key: string[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
        const n = [...rows].length;
        const now = timerValues.getCurrentProcessingTimeInMs();
        this.handle.registerTimer(now - 1);
        this.handle.registerTimer(now);
        this.handle.registerTimer(now + 60_000);
        yield Row({ k: key[0], kind: 'data', n });
      }
      override *handleExpiredTimer(key: string[], timerValues: TimerValues, info: ExpiredTimerInfo): Generator<Row> {
        yield Row({ k: key[0], kind: `expired:${info.getExpiryTimeInMs() - timerValues.getCurrentProcessingTimeInMs()}`, n: [...this.handle.listTimers()].length });
      }
    }
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new PtTimer(), 'k string, kind string, n long', 'Update', 'ProcessingTime');
    await testStream(
      out,
      'update',
      [
        AdvanceManualClock(1000),
        AddData(input, ['a', 1], ['a', 2]),
        CheckNewAnswer(['a', 'data', 2], ['a', 'expired:-1', 3], ['a', 'expired:0', 2]),
        AdvanceManualClock(30_000),
        AddData(input, ['b', 1]),
        CheckNewAnswer(['b', 'data', 1], ['b', 'expired:-1', 3], ['b', 'expired:0', 2]),
        // a's last timer (1 000 + 60 000) fires in a batch without data once the clock reaches it (listTimers
        // still shows it inside the handler: the timer is deleted after handleExpiredTimer, as in PySpark).
        AdvanceManualClock(30_000),
        CheckNewAnswer(['a', 'expired:0', 1]),
      ],
      { restartAfterEveryBatch, clock: new ManualClock(0) },
    );
  });

  test('transformWithStateInPandas hands the rows over as frames (arrays of Rows) and takes frames back', async () => {
    class FrameCounter extends StatefulProcessor {
      private count!: ValueState;
      init(handle: StatefulProcessorHandle): void {
        this.count = handle.getValueState('count', 'c long');
      }
      *handleInputRows(key: string[], frames: IterableIterator<Row[]>): Generator<Row[]> {
        let c = this.count.exists() ? (this.count.get()![0] as number) : 0;
        let sum = 0;
        for (const frame of frames) for (const r of frame) sum += r.v as number;
        c += sum;
        this.count.update([c]);
        yield [Row({ k: key[0], total: c })];
      }
    }
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithStateInPandas(new FrameCounter(), 'k string, total long', 'Update', 'None');
    await testStream(out, 'update', [AddData(input, ['a', 1], ['a', 2]), CheckNewAnswer(['a', 3]), AddData(input, ['a', 4], ['b', 1]), CheckNewAnswer(['a', 7], ['b', 1])], { restartAfterEveryBatch });
  });

  test('TTL: a value expires ttlDurationMs after the batch that wrote it (timeMode ProcessingTime)', async () => {
    class Remember extends StatefulProcessor {
      private last!: ValueState;
      private seen!: ListState;
      init(handle: StatefulProcessorHandle): void {
        this.last = handle.getValueState('last', 'v long', 10_000);
        this.seen = handle.getListState('seen', 'v long', { ttlDuration: 10_000 });
      }
      *handleInputRows(key: string[], rows: IterableIterator<Row>): Generator<Row> {
        const before = this.last.exists() ? (this.last.get()![0] as number) : null;
        const seenBefore = [...this.seen.get()].length;
        let v = 0;
        for (const r of rows) v = r.v as number;
        this.last.update([v]);
        this.seen.appendValue([v]);
        yield Row({ k: key[0], before, seenBefore });
      }
    }
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new Remember(), 'k string, before long, seenBefore int', 'Update', 'ProcessingTime');
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 1]),
        CheckNewAnswer(['a', null, 0]),
        AdvanceManualClock(5_000),
        AddData(input, ['a', 2]),
        CheckNewAnswer(['a', 1, 1]),
        AdvanceManualClock(9_999),
        AddData(input, ['a', 3]),
        // 14 999 ms: the first list element (written at 0) expired, the value (rewritten at 5 000) did not.
        CheckNewAnswer(['a', 2, 1]),
        AdvanceManualClock(20_000),
        AddData(input, ['a', 4]),
        CheckNewAnswer(['a', null, 0]),
      ],
      { restartAfterEveryBatch, clock: new ManualClock(0) },
    );
  });
});

describe('transformWithState: legality and errors (Spark texts)', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('an unknown time mode is refused', () => {
    const input = new MemoryStream(kv, spark);
    const e = errorOf(() => input.toDF().groupBy('k').transformWithState(new Counter(), 'k string, count long, pt boolean, wm long', 'Update', 'Sometimes'));
    expect(e.getErrorClass()).toBe('STATEFUL_PROCESSOR_UNKNOWN_TIME_MODE');
    expect(e.message).toBe("[STATEFUL_PROCESSOR_UNKNOWN_TIME_MODE] Unknown time mode Sometimes. Accepted timeMode modes are 'none', 'processingTime', 'eventTime' SQLSTATE: 42802");
  });

  test('Complete output mode is refused when the query starts (no streaming aggregation)', () => {
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new Counter(), 'k string, count long, pt boolean, wm long', 'Complete', 'None');
    const e = errorOf(() => out.writeStream.outputMode('complete').format('noop').start());
    expect(e.getErrorClass()).toBe('STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION');
    expect(e.message.split('\n')[0]).toBe(
      '[STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION] Invalid streaming output mode: complete. This output mode is not supported for no streaming aggregations on streaming DataFrames/DataSets. SQLSTATE: 42KDE',
    );
  });

  test('the default (HDFS-backed) state store is refused, as Spark refuses it', async () => {
    spark.conf.set('spark.sql.streaming.stateStore.providerClass', 'org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider');
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new Counter(), 'k string, count long, pt boolean, wm long', 'Update', 'None');
    await testStream(out, 'update', [
      AddData(input, ['a', 1]),
      ExpectFailure((e) => {
        expect(e.message).toContain(
          '[UNSUPPORTED_FEATURE.STORE_BACKEND_NOT_SUPPORTED_FOR_TWS] The feature is not supported: Store backend org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider is not supported by TransformWithState operator. Please use RocksDBStateStoreProvider. SQLSTATE: 0A000',
        );
      }),
    ]);
  });

  test('state variables can only be declared in init()', async () => {
    class LateDeclaration extends StatefulProcessor {
      private handle!: StatefulProcessorHandle;
      init(handle: StatefulProcessorHandle): void {
        this.handle = handle;
      }
      *handleInputRows(key: string[]): Generator<Row> {
        this.handle.getValueState('late', 'c long');
        yield Row({ k: key[0] });
      }
    }
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new LateDeclaration(), 'k string', 'Update', 'None');
    await testStream(out, 'update', [
      AddData(input, ['a', 1]),
      ExpectFailure((e) => {
        expect(e.message).toContain('[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_HANDLE_STATE] Failed to perform stateful processor operation=get_value_state with invalid handle state=INITIALIZED.');
      }),
    ]);
  });

  test('timers need a time mode; TTL needs ProcessingTime and a positive duration; names are declared once', () => {
    const handle = (timeMode: 'None' | 'ProcessingTime') =>
      new StatefulProcessorHandle({ timeMode, batchTimestampMs: 0, watermarkMs: 0, current: () => ({ key: ['a'], values: {}, lists: {}, maps: {}, timers: [] }), touch: () => undefined });
    const none = handle('None');
    expect(errorOf(() => none.getValueState('v', 'c long', 1000)).message).toBe(
      '[STATEFUL_PROCESSOR_INCORRECT_TIME_MODE_TO_ASSIGN_TTL] Cannot use TTL for state=v in timeMode=NoTime, use TimeMode.ProcessingTime() instead. SQLSTATE: 42802',
    );
    none.state = 'INITIALIZED';
    expect(errorOf(() => none.registerTimer(1000)).message).toBe('[STATEFUL_PROCESSOR_CANNOT_PERFORM_OPERATION_WITH_INVALID_TIME_MODE] Failed to perform stateful processor operation=register_timer with invalid timeMode=NoTime SQLSTATE: 42802');
    const pt = handle('ProcessingTime');
    expect(errorOf(() => pt.getListState('l', 'c long', 0)).message).toBe('[STATEFUL_PROCESSOR_TTL_DURATION_MUST_BE_POSITIVE] TTL duration must be greater than zero for State store operation=get_list_state on state=l. SQLSTATE: 42802');
    pt.getValueState('v', 'c long');
    expect(errorOf(() => pt.getMapState('v', 'k string', 'c long')).message).toBe('[STATEFUL_PROCESSOR_DUPLICATE_STATE_VARIABLE_DEFINED] State variable with name v has already been defined in the StatefulProcessor. SQLSTATE: 42802');
  });

  test('a user error in handleInputRows fails the query with TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR', async () => {
    class Raises extends StatefulProcessor {
      init(): void {}
      handleInputRows(): Iterable<unknown> {
        throw new Error('boom');
      }
    }
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new Raises(), 'k string', 'Update', 'None');
    await testStream(out, 'update', [
      AddData(input, ['a', 1]),
      ExpectFailure((e) => {
        expect(e.message).toContain('[TRANSFORM_WITH_STATE_USER_FUNCTION_ERROR] An error occurred in the user-defined function handleInputRows of the StatefulProcessor. Reason: boom.');
      }),
    ]);
  });
});

describe('examples/fraud_detector_with_timers.ts', () => {
  test('alerts on a large charge after a probe and closes the watch when its event-time timer fires, across restarts', async () => {
    const { detectFraud } = await import('../../examples/fraud_detector_with_timers');
    const spark = newSession({ 'spark.sql.shuffle.partitions': '2', 'spark.sql.streaming.stateStore.providerClass': ROCKSDB });
    spark.sparkContext.setLogLevel('OFF');
    const schema = StructType([StructField('card', StringType(), true), StructField('amount', DoubleType(), true), StructField('merchant', StringType(), true), StructField('ts', TimestampType(), true)]);
    const input = new MemoryStream(schema, spark);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fraud-'));
    const at = (hhmm: string) => new Date(`2024-05-01T${hhmm}:00Z`);
    const out = captureStdout();
    try {
      const batches: [string, number, string, Date][][] = [
        [['card-1', 0.5, 'shop-a', at('10:00')], ['card-2', 42.0, 'grocer', at('10:01')]],
        [['card-1', 950.0, 'jeweller', at('10:02')], ['card-2', 0.99, 'shop-b', at('10:03')]],
        [['card-3', 12.5, 'café ☕', at('10:09')]],
        [['card-2', 700.0, 'tv-store', at('10:20')]],
      ];
      for (const b of batches) {
        // A new run per batch: state and timers come back from the checkpoint.
        const q = detectFraud(input.toDF()).writeStream.outputMode('update').format('console').option('truncate', false).option('checkpointLocation', dir).start();
        input.addData(...b);
        await q.processAllAvailable();
        await q.stop();
      }
    } finally {
      out.restore();
      fs.rmSync(dir, { recursive: true, force: true });
      spark.stop();
    }
    expect(out.text()).toMatchSnapshot();
  });
});
