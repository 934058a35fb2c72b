import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-rate').getOrCreate();
  const rows = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 2).option('startTimestamp', 0).load();
  const query = rows.select(F.col('value').multiply(2).alias('double')).writeStream.format('memory').queryName('explain_rate').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
