import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('csv-source').getOrCreate();
  const rows = spark.readStream.schema('id INT, city STRING, temp DOUBLE').option('header', true)
    .option('maxFilesPerTrigger', 1).csv(dir + '/in');
  const query = rows.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
