import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('update-mode-without-aggregation').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  const query = rows.where('x >= 2').writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
