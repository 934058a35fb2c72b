import * as fs from 'node:fs';
import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('watermark-policy').getOrCreate();
  spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'max');
  fs.mkdirSync(dir + '/slow', { recursive: true });
  const fast = spark.readStream.schema('t LONG').option('maxFilesPerTrigger', 1).json(dir + '/fast').selectExpr('timestamp_seconds(t) AS ts').withWatermark('ts', '10 seconds');
  const slow = spark.readStream.schema('t LONG').option('maxFilesPerTrigger', 1).json(dir + '/slow').selectExpr('timestamp_seconds(t) AS ts').withWatermark('ts', '20 seconds');
  const query = fast.union(slow).writeStream.format('noop').trigger({ availableNow: true }).start();
  await query.awaitTermination();
  for (const p of query.recentProgress) {
    console.log(p.batchId, p.numInputRows, (p.eventTime as Record<string, string>).watermark);
  }
}
