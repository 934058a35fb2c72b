import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('intervals').getOrCreate();
  const df = spark.sql("SELECT INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt, INTERVAL '2-3' YEAR TO MONTH AS ym, INTERVAL '-5' HOUR AS h, make_interval(0, 0, 0, 1, 2, 0, 0) AS cal");
  await df.show();
  await df.show(20, false);
  df.printSchema();
}
