import { AnalysisException, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('multiple-aggregations-complete').getOrCreate();
  try {
    const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

    const twice = rows.groupBy('k').count().groupBy('count').count();
    twice.writeStream.format('console').outputMode('complete').start();
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
