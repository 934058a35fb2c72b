import { SparkSession } from 'rivulet';
import { explode, split } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('file-word-count').getOrCreate();
  const lines = spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir + '/in');
  const words = lines.select(explode(split(lines.col('value'), ' ')).alias('word'));
  const counts = words.groupBy('word').count();
  const query = counts.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
