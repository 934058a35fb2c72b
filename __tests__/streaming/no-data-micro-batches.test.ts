// spark.sql.streaming.noDataMicroBatches.enabled (issue 13 item 4): with it (the default) a
// watermarked aggregation runs one more batch without data once the watermark moved, so Append
// mode emits the closed window at once; with it off the window waits for the next data.
import type { StreamSession } from 'rivulet';
import { col, window } from 'rivulet/functions';
import { LongType, StringType, StructField, StructType } from 'rivulet/types';
import { MemoryStream } from 'rivulet/testing';
import { newSession } from '../support/session';

const schema = StructType([StructField('k', StringType(), true), StructField('t', LongType(), true)]);

describe.each([
  ['true', [1, 0], [[0, 1]]],
  ['false', [1], []],
])('noDataMicroBatches.enabled=%s', (enabled, inputRowsPerBatch, emitted) => {
  let spark: StreamSession;
  beforeEach(() => {
    spark = newSession({ 'spark.sql.streaming.noDataMicroBatches.enabled': enabled, 'spark.sql.shuffle.partitions': '1' });
    spark.sparkContext.setLogLevel('OFF');
  });
  afterEach(async () => {
    for (const q of spark.streams.active) await q.stop();
    spark.stop();
  });

  test('a batch without data runs only when enabled', async () => {
    const input = new MemoryStream(schema, spark);
    const counts = input
      .toDF()
      .withColumn('ts', col('t').cast('timestamp'))
      .withWatermark('ts', '0 seconds')
      .groupBy(window('ts', '10 seconds'))
      .count()
      .selectExpr('CAST(unix_timestamp(window.start) AS INT) AS start', 'CAST(count AS INT) AS n');
    const query = counts.writeStream.format('memory').queryName(`nodata_${enabled}`).outputMode('append').start();
    input.addData(['a', 1], ['a', 25]);
    await query.processAllAvailable();
    expect(query.recentProgress.map((p) => p.numInputRows)).toEqual([2, ...inputRowsPerBatch.slice(1)]);
    expect(spark.sql(`SELECT * FROM nodata_${enabled}`).collect().map((r) => [r.start, r.n])).toEqual(emitted);
    await query.stop();
  });
});
