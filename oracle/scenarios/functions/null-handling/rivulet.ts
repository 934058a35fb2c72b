import { SparkSession } from 'rivulet';
import { col, isnan, isnull, nanvl } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('null-handling').getOrCreate();
  const rows = spark.readStream.schema('a INT, b INT, d DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = rows.select('a', 'b', isnull('a').alias('a_null'), col('b').isNotNull().alias('b_set'),
    col('a').plus(col('b')).alias('sum'), col('a').eq(col('b')).alias('eq'),
    col('a').eqNullSafe(col('b')).alias('eq_ns'), isnan('d').alias('nan'),
    nanvl('d', col('a').cast('double')).alias('nv')).where('a IS NOT NULL OR b IS NOT NULL');
  const query = out.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
