import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('special-strings').getOrCreate();
  const df = spark.sql("SELECT * FROM VALUES (1, 'line1\\nline2'), (2, 'tab\\there'), (3, '  padded  '), (4, ''), (5, 'cr\\rend') AS t(id, s)");
  await df.show();
  await df.show(20, false);
  await df.show(20, false, true);
}
