import { SparkSession } from 'rivulet';
import { col, count_if, stddev, sum, variance } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stddev').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const stats = sales.groupBy('item').agg(stddev('qty').alias('sd'), variance('price').alias('var'),
    count_if(col('qty').gt(2)).alias('big'),
    sum(col('price').cast('decimal(10,2)')).alias('dec_total'));
  const query = stats.writeStream.foreachBatch(record_batch).outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
