import { SparkSession } from 'rivulet';
import { count, sum } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('complete-groupby').getOrCreate();
  const events = spark.readStream.schema('user STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const totals = events.groupBy('user').agg(count('*').alias('events'), sum('n').alias('total'));
  const query = totals.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
