import { SparkSession, StreamingQueryException } from 'rivulet';
import { try_divide } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('divide-by-zero').getOrCreate();
  const rows = spark.readStream.schema('a INT, b INT').json(dir + '/in');
  const safe = rows.select('a', 'b', try_divide('a', 'b').alias('q'));
  const q1 = safe.writeStream.format('console').trigger({ availableNow: true }).start();
  await q1.awaitTermination();
  const failing = rows.selectExpr('a', 'b', 'a div b AS q');
  const q2 = failing.writeStream.format('console').trigger({ availableNow: true }).start();
  try {
    await q2.awaitTermination();
  } catch (e) {
    if (!(e instanceof StreamingQueryException)) throw e;
    console.log(e.getCondition(), /terminated with exception: (.*?SQLSTATE: \w+)/.exec(e.message)![1]);
  }
}
