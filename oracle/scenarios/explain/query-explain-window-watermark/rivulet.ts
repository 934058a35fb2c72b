import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-window-watermark').getOrCreate();
  const rows = spark.readStream.schema('k STRING, t TIMESTAMP').json(dir + '/in');
  const counts = rows.withWatermark('t', '10 seconds').groupBy(F.window('t', '5 seconds')).count();
  const query = counts.writeStream.format('memory').queryName('explain_window').outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
