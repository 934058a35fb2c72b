import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ordinals-streaming').getOrCreate();
  const words = spark.readStream.schema('word STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const counts = words.groupBy(1).agg(F.sum('n').alias('total')).orderBy(-2, 1);
  const query = counts.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
