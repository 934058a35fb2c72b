import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('doubles').getOrCreate();
  const df = spark.sql("SELECT * FROM VALUES (1.0D, CAST(1.5 AS FLOAT), 1L, CAST(1 AS SMALLINT), CAST(1 AS TINYINT)), (double('NaN'), float('NaN'), 9223372036854775807L, CAST(-32768 AS SMALLINT), CAST(-128 AS TINYINT)), (double('Infinity'), float('-Infinity'), -9223372036854775808L, NULL, NULL), (-0.0D, CAST(0.1 AS FLOAT), 0L, 0S, 0Y), (1.0E20D, CAST(3.4028235E38 AS FLOAT), NULL, NULL, NULL), (1.0E-5D, CAST(1.0E-7 AS FLOAT), NULL, NULL, NULL), (123456789.125D, CAST(1234567.0 AS FLOAT), NULL, NULL, NULL), (0.1D + 0.2D, CAST(1.0E7 AS FLOAT), NULL, NULL, NULL) AS t(d, f, l, sm, ti)");
  await df.show();
  df.printSchema();
}
