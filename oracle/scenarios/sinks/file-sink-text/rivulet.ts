import { SparkSession } from 'rivulet';
import { col, upper } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('file-sink-text').getOrCreate();
  const lines = spark.readStream.option('maxFilesPerTrigger', 1).text(dir + '/in');
  const query = lines.select(upper(col('value')).alias('value')).writeStream.format('text').option('path', dir + '/out')
    .option('checkpointLocation', dir + '/chk').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  await spark.read.text(dir + '/out').orderBy('value').show(20, false);
}
