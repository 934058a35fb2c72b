import { SparkSession } from 'rivulet';
import { window } from 'rivulet/functions';
import { record_progress } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('progress-watermark').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const counts = events.withWatermark('ts', '10 seconds').groupBy(window('ts', '30 seconds')).count();
  const query = counts.writeStream.format('memory').queryName('wm_progress').outputMode('update')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_progress(query);
}
