import { SparkSession } from 'rivulet';
import { window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('watermark-append').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.withWatermark('ts', '10 minutes').groupBy(window('ts', '10 minutes'), 'word').count();
  const query = counts.writeStream.format('console').outputMode('append').option('truncate', false)
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
