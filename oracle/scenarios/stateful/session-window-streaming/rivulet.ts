import { SparkSession } from 'rivulet';
import { session_window } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('session-window-streaming').getOrCreate();
  const events = spark.readStream.schema('user STRING, ts TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const sessions = events.withWatermark('ts', '10 minutes').groupBy(session_window('ts', '5 minutes'), 'user').count();
  const query = sessions.writeStream.format('console').outputMode('append').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
