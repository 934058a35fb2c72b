import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-foreach-batch').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const query = rows.select('k').writeStream.foreachBatch(() => undefined).trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
