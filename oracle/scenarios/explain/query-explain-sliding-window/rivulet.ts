import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-sliding-window').getOrCreate();
  const rows = spark.readStream.schema('k STRING, t TIMESTAMP').json(dir + '/in');
  const counts = rows.groupBy(F.window('t', '10 seconds', '5 seconds')).count();
  const query = counts.writeStream.format('memory').queryName('explain_sliding').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
