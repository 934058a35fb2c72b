import { SparkSession } from 'rivulet';
import { sum, window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sliding-update').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.groupBy(window('ts', '10 minutes', '5 minutes')).agg(sum('n').alias('total'));
  const query = counts.writeStream.format('console').outputMode('update').option('truncate', false)
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
