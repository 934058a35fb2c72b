import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-offsets').getOrCreate();
  const raw = spark.readStream.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-a-so')
    .option('startingOffsets', '{"oracle-a-so":{"0":2,"1":-2}}').load();
  const query = raw.selectExpr('CAST(value AS STRING) AS value', 'partition', 'offset').writeStream.format('console')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(JSON.stringify(query.lastProgress!['sources'][0]['startOffset']), JSON.stringify(query.lastProgress!['sources'][0]['endOffset']));
}
