import { SparkSession } from 'rivulet';
import { col, concat_ws, initcap, length, lower, lpad, rpad, trim, upper } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('string-functions').getOrCreate();
  const people = spark.readStream.schema('name STRING, city STRING, n INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = people.select(trim(col('name')).alias('name'), upper('city').alias('up'), lower(col('name')).alias('low'),
    initcap('city').alias('cap'), length('name').alias('len'),
    lpad(trim(col('name')), 8, '*').alias('lp'), rpad('city', 6, '-').alias('rp'),
    concat_ws('|', trim(col('name')), col('city')).alias('joined'));
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
