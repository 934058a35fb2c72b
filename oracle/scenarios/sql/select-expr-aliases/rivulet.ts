import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('select-expr').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = sales.selectExpr('upper(store) store_upper', 'qty * 2 AS `double qty`', 'price > 2 expensive',
    "cast(qty AS STRING) || 'x' AS label");
  out.printSchema();
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
