import { SparkSession } from 'rivulet';
import { count, window } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('left-col-window-end').getOrCreate();
  const left = spark.readStream.schema('k STRING, t LONG').option('maxFilesPerTrigger', 1).json(dir + '/left');
  const right = spark.readStream.schema('k STRING, t LONG').option('maxFilesPerTrigger', 1).json(dir + '/right');
  const lc = left.selectExpr('k', 'timestamp_seconds(t) AS ts').withWatermark('ts', '10 seconds').groupBy(window('ts', '10 seconds')).agg(count('*').alias('lc'));
  const rc = right.selectExpr('k', 'timestamp_seconds(t) AS ts').withWatermark('ts', '10 seconds').groupBy(window('ts', '10 seconds')).agg(count('*').alias('rc'));
  const joined = lc.join(rc, lc.col('window').equalTo(rc.col('window'))).select(lc.col('window.end').alias('left_end'), rc.col('window.start').alias('right_start'), 'lc', 'rc');
  const query = joined.writeStream.format('console').outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
