import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('append-aggregation-without-watermark').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  rows.groupBy('k').count().writeStream.format('console').outputMode('append').start();
}
