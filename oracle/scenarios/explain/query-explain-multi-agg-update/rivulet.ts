import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-multi-agg-update').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const agg = rows.groupBy('k').agg(F.sum('v').alias('s'), F.avg('v').alias('a'), F.max('v').alias('m'));
  const query = agg.writeStream.format('memory').queryName('explain_multi').outputMode('update').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
