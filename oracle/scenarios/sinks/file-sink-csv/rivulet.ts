import { SparkSession } from 'rivulet';
import { record_rows } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('file-sink-csv').getOrCreate();
  const rows = spark.readStream.schema('id BIGINT, name STRING, score DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = rows.writeStream.format('csv').option('path', dir + '/out').option('checkpointLocation', dir + '/chk')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  const back = spark.read.schema('id BIGINT, name STRING, score DOUBLE').csv(dir + '/out');
  await record_rows(back.orderBy('id'));
  console.log(String(await back.count()));
}
