import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('show-types').getOrCreate();
  const df = spark.sql("SELECT * FROM VALUES (1, 'a', 1.5D, CAST('12.345' AS DECIMAL(10,3)), TIMESTAMP'2024-01-02 03:04:05.123456', DATE'2024-01-02', X'CAFE', array(1, 2, NULL), map('k', 1), named_struct('x', 1, 'y', 'z'), true), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) AS t(i, s, d, dec, ts, dt, b, arr, m, st, bo)");
  await df.show();
  df.printSchema();
}
