import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('bad-mode').getOrCreate();
  const rate = spark.readStream.format('rate').load();
  rate.writeStream.format('console').outputMode('upsert').start();
}
