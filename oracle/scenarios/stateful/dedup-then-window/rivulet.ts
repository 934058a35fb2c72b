import { SparkSession } from 'rivulet';
import { window } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('dedup-then-window').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const deduped = events.withWatermark('ts', '5 minutes').dropDuplicates(['user', 'ts']);
  const counts = deduped.groupBy(window('ts', '10 minutes')).count();
  const query = counts.writeStream.format('console').outputMode('append').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
