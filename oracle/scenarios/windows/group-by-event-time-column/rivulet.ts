import { SparkSession } from 'rivulet';
import { collect_list, count } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('group-by-event-time-column').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.withWatermark('ts', '1 minute').groupBy('ts').agg(count('*').alias('c'), collect_list('word').alias('words'));
  const query = counts.writeStream.format('console').outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
