import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('binary').getOrCreate();
  const df = spark.sql("SELECT * FROM VALUES (1, X'00FF10'), (2, X''), (3, CAST('hello world, this is long binary' AS BINARY)), (4, NULL) AS t(id, b)");
  await df.show();
  await df.show(20, false);
  await df.show(20, 8, true);
}
