import { SparkSession } from 'rivulet';
import { col, explode, explode_outer, posexplode } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('explode').getOrCreate();
  const rows = spark.readStream.schema('id INT, tags ARRAY<STRING>').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const exploded = rows.select('id', explode('tags').alias('tag'));
  const outer = rows.select('id', explode_outer(col('tags')).alias('tag'));
  const positions = rows.select('id', posexplode('tags'));
  const q1 = exploded.writeStream.format('console').trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const q2 = outer.writeStream.format('console').trigger({ availableNow: true }).start();
  await q2.awaitTermination();
  const q3 = positions.writeStream.format('console').trigger({ availableNow: true }).start();
  await q3.awaitTermination();
}
