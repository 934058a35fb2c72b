import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('trigger-once').getOrCreate();
  const lines = spark.readStream.option('maxFilesPerTrigger', 1).text(dir + '/in');
  const query = lines.writeStream.format('console').trigger({ once: true }).start();
  await query.awaitTermination();
  console.log(query.recentProgress.length, query.lastProgress!['numInputRows'], query.isActive ? 'True' : 'False');
}
