// Triggers: default, processingTime (driven by a manual clock, no sleeping), once, availableNow.
import type { StreamSession } from 'rivulet';
import { PySparkValueError } from 'rivulet';
import { IntegerType } from 'rivulet/types';
import { ManualClock, MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

describe('triggers', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession();
  });

  afterEach(() => spark.stop());

  function rowsOf(name: string): unknown[] {
    return spark.table(name).collect().map((r) => r.value);
  }

  test('once: one batch with everything available, then the query stops', async () => {
    const input = new MemoryStream(IntegerType(), spark);
    input.addData(1, 2);
    input.addData(3);
    const q = input.toDF().writeStream.format('memory').queryName('once').trigger({ once: true }).start();
    await q.awaitTermination();
    expect(q.isActive).toBe(false);
    expect(rowsOf('once')).toEqual([1, 2, 3]);
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([0]);
  });

  test('availableNow: everything present at start, then stop', async () => {
    const input = new MemoryStream(IntegerType(), spark);
    input.addData(1);
    input.addData(2, 3);
    const q = input.toDF().writeStream.format('memory').queryName('now').trigger({ availableNow: true }).start();
    await q.awaitTermination();
    expect(rowsOf('now')).toEqual([1, 2, 3]);
  });

  test('processingTime: batches start on interval boundaries of the clock', async () => {
    const clock = new ManualClock(0);
    spark.clock = clock;
    const input = new MemoryStream(IntegerType(), spark);
    const q = input.toDF().writeStream.format('memory').queryName('timed').trigger({ processingTime: '10 seconds' }).start();
    const untilWaiting = async () => {
      while (!clock.isWaiting()) await new Promise((r) => setImmediate(r));
    };
    await untilWaiting();
    input.addData(1);
    // Data arrived, but no batch runs before the next trigger time.
    await new Promise((r) => setImmediate(r));
    expect(q.recentProgress).toHaveLength(0);
    clock.advance(10_000);
    await untilWaiting();
    expect(rowsOf('timed')).toEqual([1]);
    expect(q.lastProgress!.timestamp).toBe('1970-01-01T00:00:10.000Z');
    await q.stop();
  });

  test('trigger arguments are validated as PySpark does', () => {
    const input = new MemoryStream(IntegerType(), spark);
    const w = input.toDF().writeStream;
    expect(() => w.trigger({})).toThrow(PySparkValueError);
    expect(() => w.trigger({ processingTime: '1 second', once: true })).toThrow('[ONLY_ALLOW_SINGLE_TRIGGER] Only a single trigger is allowed.');
    expect(() => w.trigger({ once: false })).toThrow('[VALUE_NOT_ALLOWED] Value for `once` has to be True but got false.');
    expect(() => w.trigger({ processingTime: '' })).toThrow('VALUE_NOT_NON_EMPTY_STR');
    expect(() => w.trigger('1 second')).not.toThrow();
  });
});
