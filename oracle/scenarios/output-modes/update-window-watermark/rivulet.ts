import { SparkSession } from 'rivulet';
import { window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('update-window').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, w STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const counts = events.withWatermark('ts', '10 seconds').groupBy(window('ts', '20 seconds')).count();
  const query = counts.writeStream.format('console').outputMode('update').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
