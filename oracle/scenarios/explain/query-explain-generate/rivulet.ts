import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-generate').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const parts = rows.select(F.explode(F.split('k', ',')).alias('part'), 'v');
  const query = parts.writeStream.format('memory').queryName('explain_generate').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
