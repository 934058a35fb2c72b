// The Structured Streaming guide's example: word counts per 10-minute window sliding every 5
// minutes, with a 10-minute watermark, fed batch by batch through a MemoryStream. Expected outputs
// are worked out by hand from Spark's rules: the watermark after a batch is max(event time) - 10
// minutes; a batch drops groups whose window ended at or before its watermark; append mode emits
// a window once the watermark passes its end, update mode emits the groups each batch changed.
// One shuffle partition keeps the hand-derived row order (first seen) exact.
import type { StreamSession, StreamingQueryProgress } from 'rivulet';
import { col, window } from 'rivulet/functions';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import type { DataFrame } from '../../lib/api/data-frame';
import { newSession } from '../support/session';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const schema = StructType([StructField('timestamp', TimestampType(), true), StructField('word', StringType(), true)]);

/** 2024-05-01 hh:mm UTC as Spark's internal timestamp (microseconds). */
function at(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2024, 4, 1, h, m));
}

function rows(...items: [string, string][]): unknown[] {
  return items.map(([t, word]) => ({ timestamp: at(t), word }));
}

/** `12:00-12:10 dog 2` per row: readable and exact. */
function render(df: DataFrame): string[] {
  return df
    .selectExpr("date_format(window.start, 'HH:mm') AS s", "date_format(window.end, 'HH:mm') AS e", 'word', 'count')
    .collect()
    .map((r) => `${r.s}-${r.e} ${r.word} ${r.count}`);
}

function windowedCounts(input: MemoryStream): DataFrame {
  return input
    .toDF()
    .withWatermark('timestamp', '10 minutes')
    .groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word'))
    .count();
}

// The guide's arrivals, one addData per trigger; (12:04, donkey) comes after the watermark reached 12:11.
const arrivals: unknown[][] = [
  rows(['12:07', 'dog'], ['12:08', 'owl']),
  rows(['12:14', 'dog'], ['12:09', 'cat']),
  rows(['12:15', 'cat'], ['12:08', 'dog'], ['12:13', 'owl'], ['12:21', 'owl']),
  rows(['12:04', 'donkey'], ['12:17', 'owl']),
];

describe('windowed word counts with a watermark (the guide example)', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1' });
  });

  afterEach(() => spark.stop());

  test('update mode emits changed windows, evicts old ones and drops late rows', async () => {
    const input = new MemoryStream(schema, spark);
    const batches: [number, string[]][] = [];
    const q = windowedCounts(input)
      .writeStream.outputMode('update')
      .foreachBatch((df: DataFrame, id: number) => {
        batches.push([id, render(df)]);
      })
      .start();
    for (const a of arrivals) {
      input.addData(...a);
      await q.processAllAvailable();
    }
    await q.stop();
    // Batches 1, 3 and 5 are no-data batches run because the watermark moved (11:58, 12:04, 12:11).
    expect(batches).toEqual([
      [0, ['12:00-12:10 dog 1', '12:05-12:15 dog 1', '12:00-12:10 owl 1', '12:05-12:15 owl 1']],
      [1, []],
      [2, ['12:05-12:15 dog 2', '12:10-12:20 dog 1', '12:00-12:10 cat 1', '12:05-12:15 cat 1']],
      [3, []],
      [4, ['12:00-12:10 dog 2', '12:05-12:15 dog 3', '12:05-12:15 owl 2', '12:10-12:20 cat 1', '12:15-12:25 cat 1', '12:10-12:20 owl 1', '12:15-12:25 owl 1', '12:20-12:30 owl 1']],
      [5, []],
      // donkey's windows [11:55, 12:05) and [12:00, 12:10) ended before the watermark 12:11.
      [6, ['12:10-12:20 owl 2', '12:15-12:25 owl 2']],
    ]);
    const progress = q.recentProgress as StreamingQueryProgress[];
    const saves = progress.map((p) => p.stateOperators[0]);
    expect(saves.map((s) => s.numRowsDroppedByWatermark)).toEqual([0, 0, 0, 0, 0, 0, 2]);
    // The no-data batch at watermark 12:11 forgets the three [12:00, 12:10) windows.
    expect(saves.map((s) => s.numRowsRemoved)).toEqual([0, 0, 0, 0, 0, 3, 0]);
    expect(saves.map((s) => s.numRowsTotal)).toEqual([4, 4, 7, 7, 12, 9, 9]);
    expect(progress.map((p) => p.eventTime.watermark)).toEqual([
      '1970-01-01T00:00:00.000Z',
      '2024-05-01T11:58:00.000Z',
      '2024-05-01T11:58:00.000Z',
      '2024-05-01T12:04:00.000Z',
      '2024-05-01T12:04:00.000Z',
      '2024-05-01T12:11:00.000Z',
      '2024-05-01T12:11:00.000Z',
    ]);
    expect(progress[6].eventTime).toEqual({
      avg: '2024-05-01T12:10:30.000Z',
      max: '2024-05-01T12:17:00.000Z',
      min: '2024-05-01T12:04:00.000Z',
      watermark: '2024-05-01T12:11:00.000Z',
    });
  });

  test('a restart after every trigger resumes state and watermark from the checkpoint', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-watermark-'));
    try {
      const input = new MemoryStream(schema, spark);
      const batches: [number, string[]][] = [];
      const drops: number[] = [];
      for (const a of arrivals) {
        const q = windowedCounts(input)
          .writeStream.outputMode('update')
          .option('checkpointLocation', dir)
          .foreachBatch((df: DataFrame, id: number) => {
            batches.push([id, render(df)]);
          })
          .start();
        input.addData(...a);
        await q.processAllAvailable();
        drops.push(...q.recentProgress.map((p) => p.stateOperators[0].numRowsDroppedByWatermark));
        await q.stop();
      }
      expect(batches.map(([id]) => id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(batches[4][1]).toEqual(['12:00-12:10 dog 2', '12:05-12:15 dog 3', '12:05-12:15 owl 2', '12:10-12:20 cat 1', '12:15-12:25 cat 1', '12:10-12:20 owl 1', '12:15-12:25 owl 1', '12:20-12:30 owl 1']);
      expect(batches[6][1]).toEqual(['12:10-12:20 owl 2', '12:15-12:25 owl 2']);
      expect(drops).toEqual([0, 0, 0, 0, 0, 0, 2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same query in SQL over a watermarked temp view gives the same batches', async () => {
    const input = new MemoryStream(schema, spark);
    input.toDF().withWatermark('timestamp', '10 minutes').createOrReplaceTempView('events');
    const counts = spark.sql("SELECT window(timestamp, '10 minutes', '5 minutes') AS window, word, count(*) AS count FROM events GROUP BY 1, 2");
    const batches: string[][] = [];
    const q = counts.writeStream
      .outputMode('update')
      .foreachBatch((df: DataFrame) => {
        batches.push(render(df));
      })
      .start();
    for (const a of arrivals) {
      input.addData(...a);
      await q.processAllAvailable();
    }
    await q.stop();
    expect(batches).toHaveLength(7);
    expect(batches[2]).toEqual(['12:05-12:15 dog 2', '12:10-12:20 dog 1', '12:00-12:10 cat 1', '12:05-12:15 cat 1']);
    expect(batches[6]).toEqual(['12:10-12:20 owl 2', '12:15-12:25 owl 2']);
  });

  test('append mode emits each window once, after the watermark passes its end', async () => {
    const input = new MemoryStream(schema, spark);
    const q = windowedCounts(input).writeStream.format('memory').queryName('windowed').outputMode('append').start();
    const seen: string[][] = [];
    for (const a of arrivals) {
      input.addData(...a);
      await q.processAllAvailable();
      seen.push(render(spark.table('windowed')));
    }
    expect(seen.slice(0, 2)).toEqual([[], []]);
    // Watermark 12:11: the [12:00, 12:10) windows are final, in the state's insertion order.
    const firstWindows = ['12:00-12:10 dog 2', '12:00-12:10 owl 1', '12:00-12:10 cat 1'];
    expect(seen[2]).toEqual(firstWindows);
    expect(seen[3]).toEqual(firstWindows);
    // A row at 12:40 moves the watermark to 12:30: every window ending by then is emitted.
    input.addData(...rows(['12:40', 'cat']));
    await q.processAllAvailable();
    expect(render(spark.table('windowed'))).toEqual([
      ...firstWindows,
      '12:05-12:15 dog 3',
      '12:05-12:15 owl 2',
      '12:10-12:20 dog 1',
      '12:05-12:15 cat 1',
      '12:10-12:20 cat 1',
      '12:15-12:25 cat 1',
      '12:10-12:20 owl 2',
      '12:15-12:25 owl 2',
      '12:20-12:30 owl 1',
    ]);
    const saves = q.recentProgress.map((p) => p.stateOperators[0]);
    // Only the two windows still open (12:35 and 12:40 for cat) remain in state.
    expect(saves[saves.length - 1].numRowsTotal).toBe(2);
    await q.stop();
  });

  test('complete mode keeps every window and never drops rows', async () => {
    const input = new MemoryStream(schema, spark);
    const q = windowedCounts(input).writeStream.format('memory').queryName('all_windows').outputMode('complete').start();
    for (const a of arrivals) {
      input.addData(...a);
      await q.processAllAvailable();
    }
    const table = render(spark.table('all_windows'));
    expect(table).toContain('11:55-12:05 donkey 1');
    expect(table).toContain('12:00-12:10 dog 2');
    expect(table).toHaveLength(14);
    expect(q.recentProgress.every((p) => p.stateOperators[0].numRowsDroppedByWatermark === 0)).toBe(true);
    await q.stop();
  });
});
