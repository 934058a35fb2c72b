import { SparkSession } from 'rivulet';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('case-when').getOrCreate();
  const sales = spark.readStream.schema('store STRING, item STRING, qty INT, price DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  sales.createOrReplaceTempView('sales');
  const q = spark.sql(`SELECT item,
        CASE store WHEN 'north' THEN 'N' WHEN 'south' THEN 'S' ELSE '?' END AS code,
        CASE WHEN qty IS NULL THEN -1 WHEN qty > 3 THEN 1 ELSE 0 END AS bucket,
        item IN ('apple', 'fig') AS favourite
        FROM sales`);
  const query = q.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
