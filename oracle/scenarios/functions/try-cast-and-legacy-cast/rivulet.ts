import { SparkSession } from 'rivulet';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('try-cast').getOrCreate();
  const rows = spark.readStream.schema('v STRING, d DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const strict = rows.selectExpr('v', 'try_cast(v AS INT) AS i', 'try_cast(v AS DOUBLE) AS dbl', 'try_cast(v AS BOOLEAN) AS b',
    'try_cast(v AS DATE) AS day', 'CAST(d AS INT) AS di', 'CAST(d AS STRING) AS ds');
  const q1 = strict.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  spark.conf.set('spark.sql.ansi.enabled', 'false');
  const legacy = rows.selectExpr('v', 'CAST(v AS INT) AS i', 'CAST(v AS TIMESTAMP) AS ts', 'CAST(d AS BYTE) AS by');
  const q2 = legacy.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await q2.awaitTermination();
}
