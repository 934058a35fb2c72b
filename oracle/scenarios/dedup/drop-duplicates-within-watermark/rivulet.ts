import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('drop-duplicates-within-watermark').getOrCreate();
  const rows = spark.readStream.schema('id INT, ts TIMESTAMP, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const deduped = rows.withWatermark('ts', '5 minutes').dropDuplicatesWithinWatermark(['id']);
  const query = deduped.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
