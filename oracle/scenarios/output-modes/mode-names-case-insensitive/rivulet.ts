import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('mode-names').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 5).option('numPartitions', 1)
    .option('startTimestamp', 0).load();
  const counts = rate.groupBy(rate.col('value').mod(2).alias('k')).count().orderBy('k');
  const query = counts.writeStream.format('console').outputMode('COMPLETE').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  try {
    rate.writeStream.outputMode('  ');
  } catch (e) {
    console.log((e as Error).constructor.name, (e as Error).message);
  }
}
