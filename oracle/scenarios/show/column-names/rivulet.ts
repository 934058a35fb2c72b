import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('column-names').getOrCreate();
  const df = spark.sql("SELECT 1 AS `a very long column name indeed`, 'é' AS `列名`, NULL AS `x.y`, true AS `b`");
  await df.show();
  await df.show(20, 5);
  await df.show(20, false, true);
}
