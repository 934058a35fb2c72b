import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-kv').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!)
    .option('subscribe', 'oracle-a-kv').option('startingOffsets', 'earliest').load();
  const rows = raw.selectExpr('CAST(key AS STRING) AS key', 'CAST(value AS STRING) AS value', 'topic', 'partition', 'offset', 'timestamp', 'timestampType');
  const query = rows.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  raw.printSchema();
}
