import { SparkSession } from 'rivulet';
import { record_progress } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('progress-rate').getOrCreate();
  const rate = spark.readStream.format('rate-micro-batch').option('rowsPerBatch', 3)
    .option('numPartitions', 1).option('startTimestamp', 5000).load();
  const query = rate.writeStream.format('noop').queryName('rate_progress').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_progress(query);
  console.log(query.lastProgress!['sources'][0]['description'], query.lastProgress!['sink']['description']);
}
