import { SparkSession } from 'rivulet';
import { get_json_object, json_tuple } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('get-json-object').getOrCreate();
  const lines = spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir + '/in');
  const out = lines.select(get_json_object('value', '$.user.name').alias('name'),
    get_json_object('value', '$.items[1]').alias('second'),
    get_json_object('value', '$.items').alias('items'),
    json_tuple('value', 'id', 'user'));
  const query = out.writeStream.format('console').option('truncate', false).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
