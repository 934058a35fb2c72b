import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('unpivot').getOrCreate();
  const df = spark.createDataFrame([[1, 11, 1.1], [2, 12, 1.2]], ['id', 'int', 'double']);
  df.unpivot('id', ['int', 'double'], 'var', 'val').show();
  df.unpivot('id', null, 'var', 'val').printSchema();
  df.melt(['id'], [F.col('int').plus(1), 'double'], 'var', 'val').show();
  df.unpivot([F.col('id'), F.lit(1).alias('one')], ['int'], 'var', 'val').show();
  const attempts: [string | string[], (string | ReturnType<typeof F.lit>)[] | null, string, string][] = [
    [['id', 'int', 'double'], null, 'v', 'x'],
    ['id', ['int', F.lit('s')], 'v', 'x'],
  ];
  for (const [ids, values, variable, value] of attempts) {
    try {
      df.unpivot(ids, values, variable, value).show();
    } catch (e) {
      const err = e as { constructor: { name: string }; errorClass: string; message: string };
      console.log(err.constructor.name, err.errorClass, err.message.split('\n')[0]);
    }
  }
  const quarters = spark.readStream.schema('id INT, q1 INT, q2 DOUBLE').option('maxFilesPerTrigger', 1).json(dir + '/in');
  const long = quarters.unpivot('id', ['q1', 'q2'], 'quarter', 'sales');
  const query = long.writeStream.format('console').outputMode('append').trigger({ availableNow: true }).start();
  await query.awaitTermination();
}
