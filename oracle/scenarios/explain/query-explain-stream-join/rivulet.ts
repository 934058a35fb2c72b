import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-stream-join').getOrCreate();
  const left = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const right = spark.readStream.schema('k STRING, w INT').json(dir + '/in');
  const query = left.join(right, 'k').writeStream.format('memory').queryName('explain_join').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
