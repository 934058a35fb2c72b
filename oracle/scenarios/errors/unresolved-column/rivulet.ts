import { AnalysisException, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('unresolved-column').getOrCreate();
  try {
    const rows = spark.readStream.schema('k STRING, x INT, ts TIMESTAMP').json(dir + '/in');

    rows.selectExpr('k', 'y + 1');
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
