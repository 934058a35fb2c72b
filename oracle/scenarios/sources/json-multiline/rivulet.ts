import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('json-multiline').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').option('multiLine', true).option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = rows.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
