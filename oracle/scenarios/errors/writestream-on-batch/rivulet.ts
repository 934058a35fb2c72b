import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('writestream-on-batch').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  console.log(rows.isStreaming ? 'True' : 'False');
  spark.range(3).writeStream.format('console').start();
}
