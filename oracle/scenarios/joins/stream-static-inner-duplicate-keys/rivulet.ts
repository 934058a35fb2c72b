import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-static-inner-dups').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT').json(dir + '/in');
  const stores = spark.createDataFrame([['west', 'Lima'], ['north', 'Oslo'], ['south', 'Rome'], ['north', 'Bergen']], ['store', 'city']);

  const inner = sales.join(stores, 'store');
  let query = inner.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  const outer = sales.join(stores, 'store', 'left_outer');
  query = outer.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
