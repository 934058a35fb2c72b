import { StreamSession } from '../../lib/index';
import { col, lit, upper, count, window, sum, expr } from '../../lib/functions';
async function main() {
  const spark = StreamSession.builder().remote(process.env.REMOTE ?? 'sc://127.0.0.1:15302').getOrCreate();
  const df = spark.createDataFrame([[1, 'a'], [2, 'b'], [3, 'a']], ['x', 'y']);
  console.log(df.collect());
  df.groupBy('y').agg(count('*').alias('n'), sum('x')).orderBy('y').show();
  console.log(df.select(col('x').plus(1).alias('z'), upper(col('y')), expr('x * 10 as t')).filter(col('x').ne(1)).collect());
  console.log(df.schema.simpleString(), df.count(), spark.version);
  spark.sql('select 1 as one').show();
  try { df.select('nope').collect(); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.split('\n')[0]); }
  spark.conf.set('spark.sql.shuffle.partitions', '3');
  console.log(spark.conf.get('spark.sql.shuffle.partitions'));
  const stream = spark.readStream.format('rate').option('rowsPerSecond', 10).load();
  const q = stream.groupBy(window(col('timestamp'), '1 second')).count().writeStream.format('memory').queryName('rates').outputMode('complete').start();
  console.log(q.id, q.name, q.isActive);
  await q.processAllAvailable();
  console.log('status', q.status, 'last batch', q.lastProgress?.batchId);
  console.log(spark.streams.active.map((x) => x.name));
  console.log(spark.table('rates').limit(2).collect());
  await q.stop();
  console.log('active after stop', q.isActive);
  await spark.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
