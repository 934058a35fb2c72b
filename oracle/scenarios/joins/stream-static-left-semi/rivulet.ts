import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-static-left-semi').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const stores = spark.createDataFrame([['north', 'Oslo', 1], ['south', 'Rome', 2], ['west', 'Lima', 3]], ['store', 'city', 'rank']);

  const joined = sales.join(stores, 'store', 'left_semi');
  const query = joined.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
