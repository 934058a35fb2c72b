import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sql-window').getOrCreate();
  const events = spark.readStream.schema('ts TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');
  events.withWatermark('ts', '5 minutes').createOrReplaceTempView('events');
  const counts = spark.sql("SELECT window(ts, '10 minutes') AS window, word, count(*) AS count FROM events GROUP BY 1, 2");
  const query = counts.writeStream.format('console').outputMode('append').option('truncate', false)
    .trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
