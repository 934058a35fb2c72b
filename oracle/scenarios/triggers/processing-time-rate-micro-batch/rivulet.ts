import { SparkSession, type DataFrame } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('processing-time').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 2)
    .option('numPartitions', 1).option('startTimestamp', 0).option('advanceMillisPerBatch', 1000).load();

  const record = async (df: DataFrame, batchId: number | bigint): Promise<void> => {
    if (Number(batchId) < 3) {
      console.log(Number(batchId), `[${(await df.collect()).map((r) => `(${r.value}, '${(r.timestamp as Date).toISOString().replace('T', ' ').replace('.000Z', '')}')`).join(', ')}]`);
    }
  };

  const query = rate.writeStream.foreachBatch(record).trigger({ processingTime: '100 milliseconds' }).start();
  while (query.lastProgress === null || Number(query.lastProgress['batchId']) < 2) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await query.stop();
  console.log(query.isActive ? 'True' : 'False');
}
