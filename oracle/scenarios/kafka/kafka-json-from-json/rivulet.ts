import { SparkSession } from 'rivulet';
import { col, from_json } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-json').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!)
    .option('subscribe', 'oracle-json').option('startingOffsets', 'earliest').load();
  const parsed = raw.select(col('key').cast('string').alias('key'),
    from_json(col('value').cast('string'), 'device STRING, temp DOUBLE').alias('data'),
    'partition', 'offset', 'timestamp');
  const query = parsed.select('key', 'data.*', 'partition', 'offset', 'timestamp').writeStream.format('console')
    .option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
