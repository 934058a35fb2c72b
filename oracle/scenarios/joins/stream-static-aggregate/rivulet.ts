import { SparkSession } from 'rivulet';
import { sum } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-static-aggregate').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const stores = spark.createDataFrame([['north', 'Oslo', 1], ['south', 'Rome', 2], ['west', 'Lima', 3]], ['store', 'city', 'rank']);

  const totals = sales.join(stores, 'store').groupBy('city').agg(sum('qty').alias('qty'));
  const query = totals.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
