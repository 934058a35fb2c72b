import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('explain-agg').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const counts = rows.groupBy('k').count();
  const query = counts.writeStream.format('memory').queryName('explain_agg').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
