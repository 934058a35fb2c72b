// Append-mode windowed counts on the console sink, byte for byte: the first trigger prints an empty
// table (no window is final at watermark 0), then the no-data batch the moved watermark (12:11)
// calls for prints the one window that ended by then.
import type { StreamSession } from 'rivulet';
import { col, window } from 'rivulet/functions';
import { StringType, StructField, StructType, TimestampType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';
import { captureStdout } from '../support/capture-stdout';

const schema = StructType([StructField('timestamp', TimestampType(), true), StructField('word', StringType(), true)]);

function at(hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2024, 4, 1, h, m));
}

describe('watermarked windows on the console sink', () => {
  let spark: StreamSession;

  beforeEach(() => {
    spark = newSession({ 'spark.sql.shuffle.partitions': '1' });
  });

  afterEach(() => spark.stop());

  test('append mode prints each window once it is final', async () => {
    const input = new MemoryStream(schema, spark);
    const stdout = captureStdout();
    try {
      const q = input
        .toDF()
        .withWatermark('timestamp', '10 minutes')
        .groupBy(window(col('timestamp'), '10 minutes', '5 minutes'), col('word'))
        .count()
        .writeStream.format('console')
        .option('truncate', 'false')
        .outputMode('append')
        .start();
      input.addData({ timestamp: at('12:07'), word: 'dog' }, { timestamp: at('12:21'), word: 'owl' });
      await q.processAllAvailable();
      expect(q.lastProgress?.eventTime).toEqual({ watermark: '2024-05-01T12:11:00.000Z' });
      await q.stop();
    } finally {
      stdout.restore();
    }
    expect(stdout.text()).toBe(
      [
        '-------------------------------------------',
        'Batch: 0',
        '-------------------------------------------',
        '+------+----+-----+',
        '|window|word|count|',
        '+------+----+-----+',
        '+------+----+-----+',
        '',
        '-------------------------------------------',
        'Batch: 1',
        '-------------------------------------------',
        '+------------------------------------------+----+-----+',
        '|window                                    |word|count|',
        '+------------------------------------------+----+-----+',
        '|{2024-05-01 12:00:00, 2024-05-01 12:10:00}|dog |1    |',
        '+------------------------------------------+----+-----+',
        '',
        '',
      ].join('\n'),
    );
  });
});
