import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('console-truncate').getOrCreate();
  const lines = spark.readStream.option('maxFilesPerTrigger', 1).text(dir + '/in');
  const q1 = lines.writeStream.format('console').trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const q2 = lines.writeStream.format('console').option('truncate', 'false').trigger({ availableNow: true }).start();
  await q2.awaitTermination();
}
