import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('available-now-empty').getOrCreate();
  const lines = spark.readStream.text(dir + '/in');
  const query = lines.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(query.recentProgress.length, query.lastProgress ?? 'None', query.isActive ? 'True' : 'False', query.exception() ?? 'None');
}
