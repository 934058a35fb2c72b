import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('query-status').getOrCreate();
  const lines = spark.readStream.text(dir + '/in');
  const query = lines.writeStream.format('memory').queryName('status_out').option('checkpointLocation', dir + '/chk').start();
  await query.processAllAvailable();
  console.log(query.name, query.isActive ? 'True' : 'False', query.exception() ?? 'None');
  const status = query.status;
  // isTriggerActive is printed after stop(): while the query runs, the default trigger polls every
  // 10 ms and the flag flickers (Spark's own value depends on when it is read).
  console.log(`[${Object.keys(status).sort().map((k) => `'${k}'`).join(', ')}]`, status['isDataAvailable'] ? 'True' : 'False');
  const [firstId, firstRun] = [query.id, query.runId];
  console.log(`[${spark.streams.active.map((q) => `'${q.name}'`).join(', ')}]`);
  await query.stop();
  const stopped = query.status;
  console.log(query.isActive ? 'True' : 'False', stopped['message'], stopped['isDataAvailable'] ? 'True' : 'False', stopped['isTriggerActive'] ? 'True' : 'False', spark.streams.active.length);
  const again = lines.writeStream.format('memory').queryName('status_out2').option('checkpointLocation', dir + '/chk').start();
  await again.processAllAvailable();
  console.log(again.id === firstId ? 'True' : 'False', again.runId === firstRun ? 'True' : 'False', again.lastProgress === null ? 'True' : 'False');
  await again.stop();
}
