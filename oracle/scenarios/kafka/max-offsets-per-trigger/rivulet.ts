import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-max-offsets').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-a-mo')
    .option('startingOffsets', 'earliest').option('maxOffsetsPerTrigger', 2).load();
  const query = raw.selectExpr('CAST(key AS STRING) AS k', 'CAST(value AS STRING) AS v', 'offset').writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(`[${query.recentProgress.map((p) => p['numInputRows']).join(', ')}]`);
}
