import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-batch').getOrCreate();
  const df = spark.read.format('kafka').option('kafka.bootstrap.servers', kafka!).option('subscribe', 'oracle-b-json').option('startingOffsets', '{"oracle-b-json":{"0":1,"1":-2}}').option('endingOffsets', '{"oracle-b-json":{"0":2,"1":-1}}').load();
  df.selectExpr('CAST(value AS STRING) AS value', 'partition', 'offset').show();
}
