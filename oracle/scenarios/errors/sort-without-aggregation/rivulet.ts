import { AnalysisException, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sort-without-aggregation').getOrCreate();
  try {
    const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

    rows.orderBy('x').writeStream.format('console').start();
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
