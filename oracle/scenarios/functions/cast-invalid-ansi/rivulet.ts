import { SparkSession, StreamingQueryException } from 'rivulet';
import { col } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('cast-invalid').getOrCreate();
  const rows = spark.readStream.schema('v STRING').json(dir + '/in');
  const out = rows.select('v', col('v').cast('int').alias('i'));
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  try {
    await query.awaitTermination();
  } catch (e) {
    if (!(e instanceof StreamingQueryException)) throw e;
    console.log(e.getCondition(), /terminated with exception: (.*?SQLSTATE: \w+)/.exec(e.message)![1]);
  }
}
