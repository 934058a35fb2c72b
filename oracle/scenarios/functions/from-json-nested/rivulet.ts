import { SparkSession } from 'rivulet';
import { col, from_json } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('from-json-nested').getOrCreate();
  const lines = spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir + '/in');
  const schema = 'device STRING, reading STRUCT<temp: DOUBLE, unit: STRING>, tags ARRAY<STRING>, extra MAP<STRING, INT>';
  const parsed = lines.select(from_json(col('value'), schema).alias('j'));
  const out = parsed.select('j.device', col('j.reading.temp').alias('temp'), 'j.reading.unit', 'j.tags', 'j.extra');
  const query = out.writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
