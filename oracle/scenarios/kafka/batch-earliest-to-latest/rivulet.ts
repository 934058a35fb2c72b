import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-all').load();
  df.printSchema();
  df.selectExpr('CAST(key AS STRING) AS key', 'CAST(value AS STRING) AS value', 'topic', 'partition', 'offset', 'timestamp', 'timestampType').show(20, false);
}
