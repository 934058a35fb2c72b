import { SparkSession } from 'rivulet';
import { count, sum, window, window_time } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('chained-window-aggregations').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const per5 = events.withWatermark('ts', '0 seconds').groupBy(window('ts', '5 minutes'), 'user').count();
  const per60 = per5.groupBy(window(window_time('window'), '1 hour')).agg(sum('count').alias('events'), count('*').alias('windows'));
  const query = per60.writeStream.format('console').outputMode('append').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
