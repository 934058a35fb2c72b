import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('timestamps').getOrCreate();
  const df = spark.sql("SELECT * FROM VALUES (TIMESTAMP'2024-01-02 03:04:05', TIMESTAMP_NTZ'2024-01-02 03:04:05.5', DATE'2024-02-29'), (TIMESTAMP'1969-12-31 23:59:59.999999', TIMESTAMP_NTZ'1900-01-01 00:00:00', DATE'1969-12-31'), (TIMESTAMP'2024-06-30 12:00:00.010', NULL, DATE'0001-01-01'), (TIMESTAMP'9999-12-31 23:59:59.123', TIMESTAMP_NTZ'2000-01-01 00:00:00.000001', NULL) AS t(ts, ntz, d)");
  await df.show();
  await df.show(20, false);
  df.printSchema();
}
