import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('show-truncate').getOrCreate();
  const df = spark.createDataFrame([[1, 'short'], [22, 'a string that is clearly longer than twenty characters'], [333, 'abcd']], 'id INT, text STRING');
  await df.show();
  await df.show(20, 5);
  await df.show(20, 3);
  await df.show(20, false);
}
