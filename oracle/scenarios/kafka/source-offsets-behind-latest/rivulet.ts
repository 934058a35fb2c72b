import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-offsets-behind').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-s3-behind')
    .option('startingOffsets', 'earliest').option('maxOffsetsPerTrigger', 2).load();
  const query = raw.selectExpr('CAST(value AS STRING) AS v').writeStream.format('memory').queryName('behind').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  for (const p of query.recentProgress) {
    console.log(p.batchId, p.numInputRows);
    for (const k of Object.keys(p.sources[0].metrics).sort()) {
      console.log(k, p.sources[0].metrics[k]);
    }
  }
}
