import { SparkSession } from 'rivulet';
import { sum, window, window_time } from 'rivulet/functions';
import { record_batch, record_progress } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('window-time').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.withWatermark('ts', '1 minute').groupBy(window('ts', '5 minutes')).agg(sum('n').alias('total'));
  const out = counts.select('window', window_time('window').alias('wt'), 'total');
  const query = out.writeStream.foreachBatch(record_batch).outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
