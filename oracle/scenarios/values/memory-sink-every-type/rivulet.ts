import { SparkSession } from 'rivulet';
import { record_rows } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('memory-every-type').getOrCreate();
  const events = spark.readStream.schema('id INT, name STRING, price STRING, when STRING, tags ARRAY<STRING>, attrs MAP<STRING, BIGINT>')
    .json(dir + '/in');
  const typed = events.selectExpr(
    'id', 'cast(id as bigint) * 3000000000 as big', 'cast(id as smallint) as small', 'cast(id as tinyint) as tiny',
    'name', 'cast(price as decimal(10, 2)) as price', 'cast(price as double) as approx', 'cast(price as float) as f',
    'to_timestamp(when) as ts', 'to_timestamp_ntz(substr(when, 1, 19)) as ntz', 'to_date(when) as day',
    'tags', 'attrs', "named_struct('id', id, 'tags', tags) as st", "encode(name, 'utf-8') as raw", 'id % 2 = 1 as odd');
  const query = typed.writeStream.format('memory').queryName('every_type').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  await record_rows(spark.table('every_type').orderBy('id'));
  await record_rows(spark.sql('SELECT sum(price) AS total, max(ts) AS latest, min(day) AS first_day, count(*) AS n FROM every_type'));
}
