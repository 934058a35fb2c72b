import { SparkSession } from 'rivulet';
import { col, sum } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('having').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const totals = sales.groupBy('item').agg(sum('qty').alias('qty')).where(col('qty').gt(4)).withColumn('half', col('qty').divide(2));
  const query = totals.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
