import { SparkSession } from 'rivulet';
import { record_rows } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('memory-append').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 3)
    .option('numPartitions', 1).option('startTimestamp', 0).load();
  const query = rate.selectExpr('value', 'value * value AS sq').writeStream.format('memory').queryName('squares')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  await record_rows(spark.table('squares').orderBy('value'));
  await spark.sql('SELECT count(*) AS n, max(sq) AS top FROM squares').show();
}
