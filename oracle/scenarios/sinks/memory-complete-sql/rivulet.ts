import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('memory-complete').getOrCreate();
  const words = spark.readStream.option('maxFilesPerTrigger', 1).text(dir + '/in');
  const counts = words.groupBy('value').count();
  const query = counts.writeStream.format('memory').queryName('aggregates').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  await spark.sql('select * from aggregates order by value').show();
  await spark.sql('select sum(count) as total, count(*) as groups from aggregates').show();
}
