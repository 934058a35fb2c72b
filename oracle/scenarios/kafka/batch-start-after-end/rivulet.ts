import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-e5').option('startingOffsets', '{"oracle-b-e5":{"0":2}}').option('endingOffsets', '{"oracle-b-e5":{"0":1}}').load();
  df.show();
}
