import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('show-num-rows').getOrCreate();
  const df = spark.range(0, 5);
  await df.show(2);
  await df.show(1);
  await df.show(5);
  await df.show(0);
  await df.show(2, 20, true);
}
