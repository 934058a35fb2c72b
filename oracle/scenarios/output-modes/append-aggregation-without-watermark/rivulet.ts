import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('append-agg').getOrCreate();
  const rate = spark.readStream.format('rate').load();
  const counts = rate.groupBy(rate.col('value').mod(3).alias('k')).count();
  counts.writeStream.format('console').outputMode('append').start();
}
