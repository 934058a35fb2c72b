import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-extended-project').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const query = rows.selectExpr('k', 'v + 1 AS w').writeStream.format('memory').queryName('explain_ext_project').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query, true);
}
