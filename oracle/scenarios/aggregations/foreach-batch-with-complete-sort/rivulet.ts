import { SparkSession } from 'rivulet';
import { desc, sum } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('foreach-batch-with-complete-sort').getOrCreate();
  const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

  const counts = rows.groupBy('k').agg(sum('x').alias('total')).orderBy(desc('total'));
  const query = counts.writeStream.foreachBatch(record_batch).outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
