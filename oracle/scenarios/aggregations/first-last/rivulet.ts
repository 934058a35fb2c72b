import { SparkSession } from 'rivulet';
import { expr, first, last } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('first-last').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 6).option('numPartitions', 1)
    .option('startTimestamp', 1700000000000).load();
  const rows = rate.select(expr('value % 2 AS k'), expr('CASE WHEN value % 3 = 0 THEN NULL ELSE value END AS v'));
  const agg = rows.groupBy('k').agg(first('v').alias('first_v'), last('v').alias('last_v'),
    first('v', { ignorenulls: true }).alias('first_nn'), last('v', true).alias('last_nn'));
  const query = agg.writeStream.foreachBatch(record_batch).outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
