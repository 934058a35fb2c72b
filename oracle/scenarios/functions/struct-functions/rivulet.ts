import { SparkSession } from 'rivulet';
import { col, struct } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('struct-functions').getOrCreate();
  const rows = spark.readStream.schema('id INT, name STRING, score DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const nested = rows.select('id', struct('name', col('score').alias('points')).alias('info'),
    rows.col('id').alias('copy')).selectExpr('*', "named_struct('n', info.name, 'double', info.points * 2) AS calc");
  const out = nested.select('id', 'info.*', col('calc.double').alias('twice'), 'calc');
  const query = out.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
