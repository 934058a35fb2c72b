import { SparkSession } from 'rivulet';
import { avg, count, max, sum } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('global-agg').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const totals = sales.agg(count('*').alias('rows'), sum('qty').alias('qty'), max('price').alias('top'), avg('qty'));
  const q1 = totals.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const q2 = totals.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await q2.awaitTermination();
}
