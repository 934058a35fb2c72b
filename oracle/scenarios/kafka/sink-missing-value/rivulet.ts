import { SparkSession, StreamingQueryException } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('kafka-no-value').getOrCreate();
  const rate = spark.readStream.format('rate').load();
  const query = rate.selectExpr('CAST(value AS STRING) AS key').writeStream.format('kafka').option('kafka.bootstrap.servers', kafka!)
    .option('topic', 'oracle-a-err2').option('checkpointLocation', dir + '/chk').start();
  try {
    await query.awaitTermination();
  } catch (e) {
    if (!(e instanceof StreamingQueryException)) throw e;
    console.log(e.getCondition(), /terminated with exception: ([^\n]*)/.exec(e.message)![1]);
  }
}
