import { SparkSession } from 'rivulet';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-pattern').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!)
    .option('subscribePattern', 'oracle-a-pat-.*').option('startingOffsets', 'earliest').load();
  const rows = raw.selectExpr('topic', 'CAST(value AS STRING) AS value', 'offset');
  const query = rows.writeStream.foreachBatch((df, i) => record_batch(df.orderBy('topic', 'offset'), i)).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
