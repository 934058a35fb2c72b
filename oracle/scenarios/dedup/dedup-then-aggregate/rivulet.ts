import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('dedup-then-aggregate').getOrCreate();
  const rows = spark.readStream.schema('id INT, ts TIMESTAMP, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = rows.dropDuplicates(['id']).groupBy('v').count();
  const query = counts.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
