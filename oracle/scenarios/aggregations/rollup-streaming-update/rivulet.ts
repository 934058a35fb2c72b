import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('rollup-streaming').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const totals = sales.rollup('store', 'item').agg(F.sum('qty').alias('qty'), F.count('*').alias('n'), F.grouping_id().alias('gid'));
  let query = totals.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  const byItem = sales.cube(F.col('item')).agg(F.max('price'), F.grouping('item'));
  query = byItem.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
