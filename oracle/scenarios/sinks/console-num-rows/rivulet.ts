import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('console-num-rows').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 4)
    .option('numPartitions', 1).option('startTimestamp', 1700000000000).load();
  const query = rate.writeStream.format('console').option('numRows', 2).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
