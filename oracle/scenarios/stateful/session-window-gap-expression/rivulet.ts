import { SparkSession } from 'rivulet';
import { col, session_window, when } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('session-window-gap-expression').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const gap = when(col('user').eq('u1'), '20 minutes').otherwise('5 minutes');
  const sessions = events.withWatermark('ts', '10 minutes').groupBy(session_window('ts', gap), 'user').count();
  const query = sessions.writeStream.format('console').outputMode('append').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
