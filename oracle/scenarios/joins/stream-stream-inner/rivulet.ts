import { SparkSession } from 'rivulet';
import { expr } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-stream-inner').getOrCreate();
  const impressions = spark.readStream.schema('adId INT, impressionTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/imp');
  const clicks = spark.readStream.schema('clickAdId INT, clickTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/clk');

  const joined = impressions.join(clicks, expr('clickAdId = adId'));
  const query = joined.writeStream.format('console').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
