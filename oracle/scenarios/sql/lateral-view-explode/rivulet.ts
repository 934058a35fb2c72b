import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('lateral-view').getOrCreate();
  const lines = spark.readStream.format('text').option('maxFilesPerTrigger', 1).load(dir + '/in');
  lines.createOrReplaceTempView('lines');
  const counts = spark.sql("SELECT word, count(*) AS count FROM lines LATERAL VIEW explode(split(value, ' ')) t AS word " +
    "WHERE word <> '' GROUP BY word");
  const query = counts.writeStream.format('console').outputMode('complete').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
