import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-explain-second-batch').getOrCreate();
  const rows = spark.readStream.schema('k STRING, v INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = rows.groupBy('k').count().writeStream.format('memory').queryName('explain_second').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_explain(query);
}
