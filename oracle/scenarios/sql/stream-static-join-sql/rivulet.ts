import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sql-join').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  sales.createOrReplaceTempView('sales');
  spark.createDataFrame([['north', 'Oslo'], ['south', 'Rome'], ['west', 'Lima']], 'store STRING, city STRING')
    .createOrReplaceTempView('stores');
  const joined = spark.sql('SELECT s.item, s.store, t.city FROM sales s LEFT JOIN stores t ON s.store = t.store');
  const query = joined.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
