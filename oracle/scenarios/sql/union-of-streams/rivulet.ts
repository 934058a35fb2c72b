import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('union-of-streams').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  const both = rows.union(spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in'));
  const query = both.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
