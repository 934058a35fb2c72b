import { SparkSession } from 'rivulet';
import { avg, count, max, min, sum } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sum-avg').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const stats = sales.groupBy('item').agg(sum('qty').alias('qty'), avg('price').alias('avg_price'), min('price'),
    max('qty'), count('price').alias('priced'), count('*').alias('rows'));
  const query = stats.writeStream.foreachBatch(record_batch).outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
