import { SparkSession } from 'rivulet';
import { record_progress } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('progress-agg').getOrCreate();
  const events = spark.readStream.schema('k STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const counts = events.groupBy('k').count();
  const query = counts.writeStream.format('memory').queryName('agg_progress').outputMode('complete')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_progress(query);
}
