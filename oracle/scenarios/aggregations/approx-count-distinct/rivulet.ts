import { SparkSession } from 'rivulet';
import { approx_count_distinct, col, expr } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('approx-distinct').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 40).option('numPartitions', 2)
    .option('startTimestamp', 1700000000000).load();
  const agg = rate.groupBy(expr('value % 2 AS parity')).agg(approx_count_distinct(col('value').mod(7)).alias('distinct_mod7'),
    approx_count_distinct('value', 0.1).alias('distinct_values'));
  const query = agg.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
