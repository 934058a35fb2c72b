import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('cte').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  sales.createOrReplaceTempView('sales');
  const q = spark.sql(`
        WITH priced AS (SELECT store, qty * price AS revenue FROM sales WHERE price IS NOT NULL),
             named AS (SELECT coalesce(store, 'unknown') AS store, revenue FROM priced)
        SELECT store, round(sum(revenue), 2) AS revenue, count(revenue) AS n FROM named GROUP BY store`);
  const query = q.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
