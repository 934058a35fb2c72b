import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('limit-append-mode').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  const query = rows.limit(2).writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
