import { type DataFrame, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  function enrich(batch: DataFrame, batchId: number): void {
    const ref = batch.sparkSession.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-ref').load()
      .selectExpr('CAST(key AS STRING) AS k', 'CAST(value AS STRING) AS name');
    batch.join(ref, 'k', 'left').orderBy('order_id').show();
  }

  const orders = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-ord')
    .option('startingOffsets', 'earliest').load().selectExpr('CAST(key AS STRING) AS order_id', 'CAST(value AS STRING) AS k');
  const query = orders.writeStream.foreachBatch(enrich).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
