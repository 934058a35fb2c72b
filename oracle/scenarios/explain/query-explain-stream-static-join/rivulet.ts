import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-stream-static-join').getOrCreate();
  const staticDf = spark.read.schema('k STRING, w INT').json(dir + '/in');
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const query = rows.join(staticDf, 'k').writeStream.format('memory').queryName('explain_ss_join').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
