import { AnalysisException, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('non-grouped-column').getOrCreate();
  try {
    const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

    rows.createOrReplaceTempView('rows');
    spark.sql('SELECT k, x, count(*) FROM rows GROUP BY k');
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
