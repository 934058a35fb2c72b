import { SparkSession } from 'rivulet';
import { coalesce, col, expr, lit, nullif, nvl, nvl2, when } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('conditional-functions').getOrCreate();
  const orders = spark.readStream.schema('id INT, amount DOUBLE, coupon STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = orders.select(
    'id',
    when(col('amount').geq(100), 'large').when(col('amount').geq(10), 'medium').otherwise('small').alias('size'),
    when(col('coupon').isNull(), lit(0)).alias('no_coupon'),
    coalesce('coupon', lit('none')).alias('coupon'),
    nvl(col('amount'), lit(0.0)).alias('amount'),
    nvl2('coupon', lit('yes'), lit('no')).alias('has'),
    nullif(col('coupon'), lit('')).alias('blank_as_null'),
    expr("if(id % 2 = 0, 'even', 'odd') AS parity"),
    expr("CASE WHEN amount IS NULL THEN 'unknown' WHEN amount > 50 THEN 'hi' ELSE 'lo' END AS band"));
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
