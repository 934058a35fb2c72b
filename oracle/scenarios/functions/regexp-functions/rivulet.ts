import { SparkSession } from 'rivulet';
import { col, regexp_extract, regexp_replace, split } from 'rivulet/functions';
import { record_batch } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('regexp-functions').getOrCreate();
  const lines = spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir + '/in');
  const parsed = lines.select(
    regexp_extract('value', String.raw`^(\S+) (\w+) (\d+)ms`, 1).alias('host'),
    regexp_extract(col('value'), String.raw`^(\S+) (\w+) (\d+)ms`, 2).alias('verb'),
    regexp_extract('value', String.raw`(\d+)ms`, 1).alias('ms'),
    regexp_replace('value', String.raw`\d`, '#').alias('masked'),
    col('value').rlike('GET|HEAD').alias('read'),
    split('value', String.raw`\s+`).alias('parts'));
  const parsed2 = parsed.selectExpr('*', "regexp_extract_all(masked, '(#+)', 1) AS runs");
  const query = parsed2.writeStream.foreachBatch(record_batch).trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
