import { SparkSession } from 'rivulet';
import { array_contains, array_distinct, array_join, col, size, slice, sort_array } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('array-functions').getOrCreate();
  const rows = spark.readStream.schema('id INT, xs ARRAY<INT>').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = rows.select('id', array_contains('xs', 2).alias('has2'), array_distinct('xs').alias('dist'),
    sort_array('xs', { asc: false }).alias('desc'), size(col('xs')).alias('n'),
    array_join('xs', ',', '?').alias('joined'), slice('xs', 2, 2).alias('mid'));
  const hof = rows.selectExpr('id', 'transform(xs, x -> x * 10) AS tens', 'filter(xs, x -> x % 2 = 1) AS odd',
    'aggregate(xs, 0, (acc, x) -> acc + coalesce(x, 0)) AS total');
  const q1 = out.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const q2 = hof.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await q2.awaitTermination();
}
