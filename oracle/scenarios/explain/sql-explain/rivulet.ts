import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sql-explain').getOrCreate();
  spark.read.schema('k STRING, v INT').json(dir + '/in').createOrReplaceTempView('t');
  const text = spark.sql('EXPLAIN SELECT k FROM t WHERE v > 1').collect()[0][0] as string;
  console.log(text.replace(/#\d+L?/g, '#<id>'));
}
