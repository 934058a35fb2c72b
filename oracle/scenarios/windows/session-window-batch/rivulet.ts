import { SparkSession } from 'rivulet';
import { count, session_window, sum } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('session-window-batch').getOrCreate();
  const clicks = spark.read.schema('ts TIMESTAMP, user STRING, n INT').json(dir + '/in');
  const sessions = clicks.groupBy('user', session_window('ts', '5 minutes')).agg(count('*').alias('clicks'), sum('n').alias('total'));
  sessions.orderBy('user', 'session_window').show(20, false);
}
