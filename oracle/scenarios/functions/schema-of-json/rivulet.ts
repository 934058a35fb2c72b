import { SparkSession } from 'rivulet';
import { col, from_json, lit, schema_of_json } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('schema-of-json').getOrCreate();
  const sample = '{"id": 1, "tags": ["a"], "pos": {"x": 1.5, "y": 2}, "ok": true, "ts": "2024-01-01"}';
  spark.range(1).select(schema_of_json(lit(sample)).alias('schema')).show(20, false);
  const lines = spark.readStream.format('text').load(dir + '/in');
  const parsed = lines.select(from_json(col('value'), schema_of_json(lit(sample))).alias('j')).select('j.*');
  const query = parsed.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
