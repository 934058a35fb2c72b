import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-count').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-a-cnt')
    .option('startingOffsets', 'earliest').option('maxOffsetsPerTrigger', 3).load();
  const counts = raw.selectExpr('CAST(key AS STRING) AS key').groupBy('key').count();
  const query = counts.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
