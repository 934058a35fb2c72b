import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-tsno').option('startingOffsetsByTimestamp', '{"oracle-b-tsno":{"0":1800000000000,"1":1700000004000}}').load();
  console.log(df.count());
}
