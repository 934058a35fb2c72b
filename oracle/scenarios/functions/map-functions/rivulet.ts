import { SparkSession } from 'rivulet';
import { col, create_map, element_at, explode, lit, map_keys, map_values, str_to_map } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('map-functions').getOrCreate();
  const rows = spark.readStream.schema('id INT, attrs STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const maps = rows.select('id', str_to_map('attrs', lit(','), lit('=')).alias('m'),
    create_map(lit('id'), col('id')).alias('idm'));
  const out = maps.select('id', 'm', 'idm', map_keys('m').alias('keys'), map_values('m').alias('vals'),
    element_at('m', 'color').alias('color'));
  const q1 = out.writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const q2 = maps.select('id', explode('m')).writeStream.format('console').trigger({ availableNow: true }).start();
  await q2.awaitTermination();
}
