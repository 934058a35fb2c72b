import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('file-sink-read-back').getOrCreate();
  const rows = spark.readStream.schema('id INT, name STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = rows.writeStream.format('json').option('path', dir + '/out').option('checkpointLocation', dir + '/chk')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  spark.read.schema('id INT, name STRING').json(dir + '/out').orderBy('id').show();
  const again = spark.readStream.schema('id INT, name STRING').json(dir + '/out');
  const echo = again.writeStream.format('console').trigger({ availableNow: true }).start();
  await echo.awaitTermination();
  console.log(echo.lastProgress!.numInputRows);
}
