import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('csv-sep').getOrCreate();
  const rows = spark.readStream.schema('a INT, b STRING, c INT').options({ header: 'true', sep: ';', nullValue: 'NA' }).csv(dir + '/in');
  const query = rows.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
