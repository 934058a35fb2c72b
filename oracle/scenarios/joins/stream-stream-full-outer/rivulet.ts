import { SparkSession } from 'rivulet';
import { expr } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-stream-full-outer').getOrCreate();
  const impressions = spark.readStream.schema('adId INT, impressionTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/imp');
  const clicks = spark.readStream.schema('clickAdId INT, clickTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/clk');
  const imp = impressions.withWatermark('impressionTime', '2 hours');
  const clk = clicks.withWatermark('clickTime', '3 hours');
  const cond = expr('clickAdId = adId AND clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour');
  const query = imp.join(clk, cond, 'full_outer').writeStream.format('memory').queryName('both').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  spark.sql('SELECT * FROM both ORDER BY coalesce(adId, clickAdId)').show();
}
