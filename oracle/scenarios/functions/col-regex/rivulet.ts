import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('col-regex').getOrCreate();
  const df = spark.createDataFrame([['a', 1, 2.5, 'x']], ['Col1', 'Col2', 'value', 'col3']);
  df.select(df.colRegex('`(Col1)?.+1`')).show();
  df.select(df.colRegex('`col.*`')).show();
  df.select(df.colRegex('`Col[12]`'), 'value').show();
  df.select(df.colRegex('value')).show();
  const a = df.alias('a');
  a.select(a.colRegex('a.`v.*`')).show();
  df.select(df.colRegex('`nomatch.*`')).printSchema();
  spark.conf.set('spark.sql.caseSensitive', 'true');
  df.select(df.colRegex('`col.*`')).show();
  spark.conf.set('spark.sql.caseSensitive', 'false');
}
