import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).load();
  df.show();
}
