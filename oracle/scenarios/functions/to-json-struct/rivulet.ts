import { SparkSession } from 'rivulet';
import { array, col, create_map, lit, struct, to_json } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('to-json').getOrCreate();
  const rows = spark.readStream.schema('id INT, name STRING, score DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const out = rows.select(to_json(struct('*')).alias('value'),
    to_json(array(struct('id'), struct(col('score').alias('id')))).alias('arr'),
    to_json(create_map(lit('n'), col('name'))).alias('map'));
  const query = out.writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
