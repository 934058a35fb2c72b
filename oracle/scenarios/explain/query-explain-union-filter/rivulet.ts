import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-union-filter').getOrCreate();
  const a = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const b = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const query = a.where('v > 1').union(b).writeStream.format('memory').queryName('explain_union_filter').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
