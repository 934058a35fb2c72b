import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-e6').option('startingOffsets', '{"oracle-b-e6":{"0":0,"1":0}}').option('endingOffsets', '{"oracle-b-e6":{"0":1}}').load();
  df.show();
}
