import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('rate-mb').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 5).option('numPartitions', 2)
    .option('startTimestamp', 1000).option('advanceMillisPerBatch', 250).load();
  const query = rate.writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
  rate.printSchema();
}
