import { AnalysisException, SparkSession } from 'rivulet';
import { count_distinct } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('distinct-aggregation').getOrCreate();
  try {
    const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

    rows.groupBy('k').agg(count_distinct('x')).writeStream.format('console').outputMode('complete').start();
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
