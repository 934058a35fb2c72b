import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-ts').option('startingOffsetsByTimestamp', '{"oracle-b-ts":{"0":1700000001000,"1":1700000004000}}').option('endingOffsetsByTimestamp', '{"oracle-b-ts":{"0":1700000002000,"1":1800000000000}}').load();
  df.selectExpr('CAST(value AS STRING) AS value', 'partition', 'offset', 'timestamp').show();
}
