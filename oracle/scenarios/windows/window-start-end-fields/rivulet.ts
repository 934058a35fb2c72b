import { SparkSession } from 'rivulet';
import { col, count, window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('window-start-end-fields').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.groupBy(window('ts', '10 minutes', '10 minutes', '3 minutes').alias('w')).agg(count('*').alias('n'));
  const out = counts.select(col('w.start').alias('start'), col('w.end').alias('end'), 'n').orderBy('start');
  const query = out.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
