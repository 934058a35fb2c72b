import { SparkSession } from 'rivulet';
import { window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('watermark-update-late-dropped').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const counts = events.withWatermark('ts', '5 minutes').groupBy(window('ts', '5 minutes')).count();
  const query = counts.writeStream.format('console').outputMode('update').option('truncate', false)
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  for (const p of query.recentProgress) {
    console.log(p['batchId'], p['numInputRows'], p['eventTime']['watermark'], `[${p['stateOperators'].map((s: any) => s['numRowsDroppedByWatermark']).join(', ')}]`,
      `[${p['stateOperators'].map((s: any) => s['numRowsTotal']).join(', ')}]`);
  }
}
