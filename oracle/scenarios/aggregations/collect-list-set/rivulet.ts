import { SparkSession } from 'rivulet';
import { array_sort, collect_list, collect_set } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('collect').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const agg = sales.groupBy('store').agg(collect_list('item').alias('items'), array_sort(collect_set('item')).alias('distinct_items'),
    collect_list('qty').alias('qtys'));
  const query = agg.writeStream.format('console').outputMode('complete').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
