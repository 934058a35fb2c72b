import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('drop-duplicates-subset').getOrCreate();
  const rows = spark.readStream.schema('id INT, ts TIMESTAMP, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  const query = rows.dropDuplicates(['id']).writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(`[${query.lastProgress!['stateOperators'].map((op: any) => op['numRowsTotal']).join(', ')}]`, query.lastProgress!['stateOperators'][0]['operatorName']);
}
