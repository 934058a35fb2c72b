import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('distinct-stream').getOrCreate();
  const rows = spark.readStream.schema('id INT, ts TIMESTAMP, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const query = rows.select('v').distinct().writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
