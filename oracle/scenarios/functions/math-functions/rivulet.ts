import { SparkSession } from 'rivulet';
import { abs, bround, ceil, col, floor, greatest, log, pmod, pow, round, signum, sqrt } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('math-functions').getOrCreate();
  const nums = spark.readStream.schema('x DOUBLE, k INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = nums.select('x', round('x', 1).alias('r1'), bround(col('x'), 0).alias('br'), ceil('x').alias('c'),
    floor('x').alias('f'), sqrt(abs('x')).alias('sq'), pow('x', 2).alias('p2'),
    log(10.0, abs(col('x'))).alias('lg'), pmod('k', 3).alias('pm'), col('k').mod(3).alias('md'),
    signum('x').alias('sg'), greatest('x', 'k').alias('g'));
  const query = out.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
