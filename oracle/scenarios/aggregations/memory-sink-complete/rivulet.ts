import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('memory-sink').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const counts = sales.groupBy('store').count();
  const query = counts.writeStream.format('memory').queryName('aggregates').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  spark.sql('SELECT * FROM aggregates ORDER BY store NULLS FIRST').show();
}
