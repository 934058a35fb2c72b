// transformWithState finds due timers and TTL-expired values through its time-ordered indexes, not
// by reading all of the state each batch: a provider that counts full passes over its stores shows
// one pass per partition when a run first loads its state, then none, however many batches run.
import { Row, StatefulProcessor, type StreamSession, type TimerValues, type ValueState, type ExpiredTimerInfo } from 'rivulet';
import type { StatefulProcessorHandle } from '../../lib/execution/stateful-processor-handle';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { AddData, AdvanceManualClock, CheckNewAnswer, StopStream, StartStream, MemoryStream, testStream } from 'rivulet/testing';
import { ManualClock } from '../../lib/streaming/clock';
import { registerStateStoreProvider } from '../../lib/state/state-store-provider-factory';
import { LmdbStateStoreProvider } from '../../lib/state/lmdb-state-store-provider';
import type { StateStore, StateStoreProvider } from '../../lib/state/state-store';
import { ExpiryIndex } from '../../lib/execution/expiry-index';
import { newSession } from '../support/session';

let fullPasses = 0;

/** The lmdb provider, counting calls of iterator() (a pass over all of a partition's state). */
function counting(inner: StateStoreProvider): StateStoreProvider {
  return {
    getStore(operatorId: number, partitionId: number, version: number): StateStore {
      const store = inner.getStore(operatorId, partitionId, version);
      return new Proxy(store, {
        get(target, prop) {
          if (prop === 'iterator') {
            return () => {
              fullPasses++;
              return target.iterator();
            };
          }
          const v = Reflect.get(target, prop, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
    commitBatch: () => inner.commitBatch?.(),
    close: () => inner.close(),
  };
}
registerStateStoreProvider(['counting-lmdb'], (stateDir) => counting(new LmdbStateStoreProvider({ stateDir, batchedCommits: true })));

const kv = StructType([StructField('k', StringType(), true), StructField('v', LongType(), true)]);

/** Per key: a processing-time timer `v` ms after the batch's time, and a value kept with a TTL. */
class TimerAndTtl extends StatefulProcessor {
  private handle!: StatefulProcessorHandle;
  private seen!: ValueState;
  init(handle: StatefulProcessorHandle): void {
    this.handle = handle;
    this.seen = handle.getValueState('seen', 'v long', 25_000);
  }
  *handleInputRows(key: string[], rows: IterableIterator<Row>, timerValues: TimerValues): Generator<Row> {
    const had = this.seen.exists();
    let last = 0;
    for (const r of rows) last = r.v as number;
    for (const t of this.handle.listTimers()) this.handle.deleteTimer(t);
    this.handle.registerTimer(timerValues.getCurrentProcessingTimeInMs() + last);
    this.seen.update([last]);
    yield Row({ k: key[0], event: had ? 'again' : 'new', at: timerValues.getCurrentProcessingTimeInMs() });
  }
  override *handleExpiredTimer(key: string[], timerValues: TimerValues, info: ExpiredTimerInfo): Generator<Row> {
    yield Row({ k: key[0], event: `timer ${info.getExpiryTimeInMs()}`, at: timerValues.getCurrentProcessingTimeInMs() });
  }
}

describe('transformWithState timer and TTL indexes', () => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '2', 'spark.sql.streaming.stateStore.providerClass': 'counting-lmdb' });
    spark.sparkContext.setLogLevel('OFF');
    fullPasses = 0;
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('due timers fire in (time, key) order, deleted timers never fire, TTL values expire, with no pass over the state after the first batch of a run', async () => {
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new TimerAndTtl(), 'k string, event string, at long', 'Update', 'ProcessingTime');
    // Many keys with timers far away: a batch that read all state would be seen by the counter.
    const idle = Array.from({ length: 300 }, (_, i) => [`idle${String(i).padStart(3, '0')}`, 1_000_000]);
    await testStream(
      out,
      'update',
      [
        AddData(input, ...idle, ['b', 10_000], ['a', 10_000], ['c', 20_000]),
        CheckNewAnswer(...idle.map((r) => [r[0], 'new', 0]), ['a', 'new', 0], ['b', 'new', 0], ['c', 'new', 0]),
        AdvanceManualClock(5_000),
        // c's timer moves from 20 000 to 6 000: the old one is deleted and must not fire.
        AddData(input, ['c', 1_000]),
        CheckNewAnswer(['c', 'again', 5_000]),
        AdvanceManualClock(5_000),
        // 10 000: a and b (same time, key order) and c's 6 000 are due.
        CheckNewAnswer(['c', 'timer 6000', 10_000], ['a', 'timer 10000', 10_000], ['b', 'timer 10000', 10_000]),
        AdvanceManualClock(15_000),
        // 25 000: a's and b's values (written at 0, TTL 25 s) expired, c's (written at 5 000) did not.
        AddData(input, ['a', 100_000], ['c', 100_000]),
        CheckNewAnswer(['a', 'new', 25_000], ['c', 'again', 25_000]),
        AdvanceManualClock(10_000),
        CheckNewAnswer(),
      ],
      { clock: new ManualClock(0) },
    );
    // One pass per partition when the run loaded its stores (batch 0: empty stores), none after.
    expect(fullPasses).toBe(2);
  });

  test('after a restart the indexes are built once from the stores, and the timers of the previous run fire', async () => {
    const input = new MemoryStream(kv, spark);
    const out = input.toDF().groupBy('k').transformWithState(new TimerAndTtl(), 'k string, event string, at long', 'Update', 'ProcessingTime');
    await testStream(
      out,
      'update',
      [
        AddData(input, ['a', 3_000], ['b', 1_000]),
        CheckNewAnswer(['a', 'new', 0], ['b', 'new', 0]),
        StopStream(),
        StartStream(),
        AdvanceManualClock(2_000),
        CheckNewAnswer(['b', 'timer 1000', 2_000]),
        AdvanceManualClock(2_000),
        CheckNewAnswer(['a', 'timer 3000', 4_000]),
      ],
      { clock: new ManualClock(0) },
    );
    // Two runs, each building the indexes of its two partitions once.
    expect(fullPasses).toBe(4);
  });
});

describe('ExpiryIndex', () => {
  test('pops entries in time order and keeps only what retain accepts', () => {
    const index = new ExpiryIndex();
    const times = [50, 10, 40, 10, 30, 20, 60, 5];
    times.forEach((t, i) => index.push({ time: t, encoded: String(i), key: [i] }));
    expect(index.popDue(30).map((e) => e.time)).toEqual([5, 10, 10, 20, 30]);
    expect(index.size).toBe(3);
    index.retain((e) => e.time !== 50);
    expect(index.popDue(Infinity).map((e) => e.time)).toEqual([40, 60]);
    expect(index.peek()).toBeUndefined();
  });
});
