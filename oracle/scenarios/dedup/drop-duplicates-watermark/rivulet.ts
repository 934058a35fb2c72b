import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('drop-duplicates-watermark').getOrCreate();
  const rows = spark.readStream.schema('id INT, ts TIMESTAMP, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const deduped = rows.withWatermark('ts', '10 minutes').dropDuplicates(['id', 'ts']);
  const query = deduped.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  for (const p of query.recentProgress) {
    const op = p['stateOperators'][0];
    console.log(p['batchId'], op['numRowsTotal'], op['numRowsDroppedByWatermark'], p['eventTime']['watermark']);
  }
}
