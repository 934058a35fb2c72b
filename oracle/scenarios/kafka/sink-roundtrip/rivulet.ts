import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-sink').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 4)
    .option('numPartitions', 1).option('startTimestamp', 0).load();
  const out = rate.selectExpr('CAST(value % 2 AS STRING) AS key', "CONCAT('n=', value) AS value");
  const w = out.writeStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('topic', 'oracle-a-sink')
    .option('checkpointLocation', dir + '/chk').trigger({ availableNow: true }).start();
  await w.awaitTermination();
  const back = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-a-sink')
    .option('startingOffsets', 'earliest').load();
  const r = back.selectExpr('CAST(key AS STRING) AS key', 'CAST(value AS STRING) AS value', 'offset').writeStream.format('console').trigger({ availableNow: true }).start();
  await r.awaitTermination();
}
