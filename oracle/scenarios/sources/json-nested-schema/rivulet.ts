import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('json-nested').getOrCreate();
  const rows = spark.readStream.schema('id INT, user STRUCT<name: STRING, tags: ARRAY<STRING>>').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = rows.select('id', 'user', 'user.name', 'user.tags').writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
