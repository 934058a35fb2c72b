import { SparkSession, StreamingQueryException } from 'rivulet';
import { to_timestamp } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('to-timestamp-invalid').getOrCreate();
  const events = spark.readStream.schema('raw STRING').json(dir + '/in');
  const out = events.select('raw', to_timestamp('raw', 'yyyy-MM-dd HH:mm').alias('ts'));
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  try {
    await query.awaitTermination();
  } catch (e) {
    if (!(e instanceof StreamingQueryException)) throw e;
    console.log(e.getCondition(), /terminated with exception: (.*?SQLSTATE: \w+)/.exec(e.message)![1]);
  }
}
