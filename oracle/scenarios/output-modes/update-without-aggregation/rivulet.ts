import { SparkSession } from 'rivulet';
import { col, upper } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('update-no-agg').getOrCreate();
  const events = spark.readStream.schema('user STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = events.where(col('n').isNotNull()).select(upper(col('user')).alias('who'), col('n').multiply(10).alias('n10'));
  const query = out.writeStream.format('console').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
