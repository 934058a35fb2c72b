import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('latest-first').getOrCreate();
  const lines = spark.readStream.option('latestFirst', 'true').option('maxFilesPerTrigger', 1).text(dir + '/in');
  const query = lines.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
