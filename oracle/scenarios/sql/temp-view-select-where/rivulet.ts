import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('temp-view-select').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  sales.createOrReplaceTempView('sales');
  const big = spark.sql('SELECT store, item, qty * price AS total FROM sales WHERE qty >= 2');
  console.log(big.isStreaming ? 'True' : 'False');
  const query = big.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
