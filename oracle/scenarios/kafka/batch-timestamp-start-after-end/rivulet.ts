import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-e7').option('startingOffsetsByTimestamp', '{"oracle-b-e7":{"0":1700000005000}}').option('endingOffsetsByTimestamp', '{"oracle-b-e7":{"0":1700000001000}}').load();
  df.show();
}
