import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('parquet-source').getOrCreate();
  const rows = spark.readStream.schema('id INT, s STRING, d DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const w = rows.writeStream.format('parquet').option('path', dir + '/pq').option('checkpointLocation', dir + '/chk1')
    .trigger({ availableNow: true }).start();
  await w.awaitTermination();
  const schema = spark.read.parquet(dir + '/pq').schema;
  const back = spark.readStream.schema(schema).option('maxFilesPerTrigger', 1).parquet(dir + '/pq');
  const query = back.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  console.log(schema.simpleString());
}
