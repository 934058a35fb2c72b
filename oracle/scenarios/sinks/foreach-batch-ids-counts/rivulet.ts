import { SparkSession, type DataFrame } from 'rivulet';

async function process(df: DataFrame, batchId: number | bigint): Promise<void> {
  console.log(`batch ${batchId}: ${await df.count()} rows, empty=${(await df.isEmpty()) ? 'True' : 'False'}`);
  await df.orderBy('id').show();
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('foreach-batch').getOrCreate();
  const people = spark.readStream.schema('id INT, name STRING').option('header', true).option('maxFilesPerTrigger', 1).csv(dir + '/in');
  const query = people.writeStream.foreachBatch(process).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
