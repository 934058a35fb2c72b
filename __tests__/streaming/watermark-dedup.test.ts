// Streaming deduplication: dropDuplicates keeps every key it has seen (forever without a
// watermark, until the watermark passes its event time when the event time is part of the key),
// and dropDuplicatesWithinWatermark forgets a key once its first event time + delay is behind the
// watermark. Rows at or behind the watermark are dropped first and counted.
import type { StreamSession, StreamingQuery } from 'rivulet';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import type { DataFrame } from '../../lib/api/data-frame';
import { newSession } from '../support/session';

const schema = StructType([StructField('id', StringType(), true), StructField('timestamp', TimestampType(), true)]);

function at(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2024, 4, 1, h, m));
}

function rows(...items: [string, string][]): unknown[] {
  return items.map(([id, t]) => ({ id, timestamp: at(t) }));
}

function render(df: DataFrame): string[] {
  return df
    .selectExpr('id', "date_format(timestamp, 'HH:mm') AS t")
    .collect()
    .map((r) => `${r.id}@${r.t}`);
}

async function feed(q: StreamingQuery, input: MemoryStream, batches: unknown[][]): Promise<void> {
  for (const b of batches) {
    input.addData(...b);
    await q.processAllAvailable();
  }
}

describe('streaming deduplication', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1' });
  });

  afterEach(() => spark.stop());

  test('dropDuplicates without a watermark remembers every key', async () => {
    const input = new MemoryStream(StringType(), spark);
    const q = input.toDF().dropDuplicates().writeStream.format('memory').queryName('distinct_values').start();
    await feed(q, input, [['a', 'b', 'a'], ['a', 'c']]);
    expect(spark.table('distinct_values').collect().map((r) => r.value)).toEqual(['a', 'b', 'c']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops.map((o) => o.operatorName)).toEqual(['dedupe', 'dedupe']);
    expect(ops.map((o) => [o.numRowsTotal, o.numRowsUpdated])).toEqual([
      [2, 2],
      [3, 1],
    ]);
    await q.stop();
  });

  test('with the event time in the key, keys behind the watermark are evicted and late rows dropped', async () => {
    const input = new MemoryStream(schema, spark);
    const q = input.toDF().withWatermark('timestamp', '10 minutes').dropDuplicates(['id', 'timestamp']).writeStream.format('memory').queryName('deduped').start();
    await feed(q, input, [
      rows(['a', '12:00'], ['a', '12:00'], ['b', '12:05']),
      // a@12:00 is still in state (watermark 11:55): a duplicate.
      rows(['a', '12:00'], ['c', '12:20']),
      // Watermark 12:10: a@12:00 is late now, d@12:11 is not.
      rows(['a', '12:00'], ['d', '12:11']),
    ]);
    expect(render(spark.table('deduped'))).toEqual(['a@12:00', 'b@12:05', 'c@12:20', 'd@12:11']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    // Batches 1 and 3 are the no-data batches after the watermark moved to 11:55 and 12:10.
    expect(ops.map((o) => o.numRowsDroppedByWatermark)).toEqual([0, 0, 0, 0, 1]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 2, 0]);
    expect(ops.map((o) => o.numRowsTotal)).toEqual([2, 2, 3, 1, 2]);
    await q.stop();
  });

  test('without the event time in the key, late rows are dropped but keys stay', async () => {
    const input = new MemoryStream(schema, spark);
    const q = input.toDF().withWatermark('timestamp', '10 minutes').dropDuplicates(['id']).writeStream.format('memory').queryName('by_id').start();
    await feed(q, input, [rows(['a', '12:00']), rows(['b', '12:30']), rows(['a', '12:25'], ['c', '12:10'])]);
    expect(render(spark.table('by_id'))).toEqual(['a@12:00', 'b@12:30']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops[ops.length - 1].numRowsDroppedByWatermark).toBe(1);
    expect(ops.every((o) => o.numRowsRemoved === 0)).toBe(true);
    expect(ops[ops.length - 1].numRowsTotal).toBe(2);
    await q.stop();
  });

  test('dropDuplicatesWithinWatermark forgets a key once its first event time + delay is behind the watermark', async () => {
    const input = new MemoryStream(schema, spark);
    const q = input.toDF().withWatermark('timestamp', '10 minutes').dropDuplicatesWithinWatermark(['id']).writeStream.format('memory').queryName('within').start();
    await feed(q, input, [
      rows(['a', '12:00'], ['a', '12:03'], ['b', '12:05']),
      // a expires at 12:10, b at 12:15; the watermark is 11:55: a@12:09 is a duplicate.
      rows(['a', '12:09'], ['c', '12:30']),
      // Watermark 12:20: a and b expired; a@12:21 is new again, b@12:19 is late.
      rows(['a', '12:21'], ['b', '12:19']),
    ]);
    expect(render(spark.table('within'))).toEqual(['a@12:00', 'b@12:05', 'c@12:30', 'a@12:21']);
    const ops = q.recentProgress.map((p) => p.stateOperators[0]);
    expect(ops[0].operatorName).toBe('dedupeWithinWatermark');
    expect(ops.map((o) => o.numRowsDroppedByWatermark)).toEqual([0, 0, 0, 0, 1]);
    expect(ops.map((o) => o.numRowsRemoved)).toEqual([0, 0, 0, 2, 0]);
    await q.stop();
  });
});
