import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('empty-dataframe').getOrCreate();
  const df = spark.sql("SELECT 1 AS a, 'x' AS b WHERE false");
  await df.show();
  await df.show(20, false, true);
  df.select().show();
}
