import { SparkSession } from 'rivulet';
import { col } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('self-join').getOrCreate();
  const values = spark.readStream.schema('value INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const left = values.select(col('value').alias('key'), col('value').multiply(2).alias('leftValue'));
  const right = values.select(col('value').alias('key'), col('value').multiply(3).alias('rightValue'));
  const query = left.join(right, 'key').writeStream.format('console').outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
