import { SparkSession } from 'rivulet';
import { record_progress } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('progress').getOrCreate();
  const orders = spark.readStream.schema('id INT, v STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const query = orders.where('id > 1').writeStream.format('memory').queryName('progress_out')
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
  record_progress(query);
  console.log(query.lastProgress!['numInputRows'], query.recentProgress.length);
  console.log(`[${(await spark.table('progress_out').collect()).map((r) => Number(r.id)).sort((a, b) => a - b).join(', ')}]`);
}
