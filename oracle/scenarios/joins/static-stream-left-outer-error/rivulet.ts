import { AnalysisException, SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('static-stream-left-outer-error').getOrCreate();
  try {
    const sales = spark.readStream.schema('store STRING, item STRING, qty INT').option('maxFilesPerTrigger', 1).json(dir + '/in');
    const stores = spark.createDataFrame([['north', 'Oslo', 1], ['south', 'Rome', 2], ['west', 'Lima', 3]], ['store', 'city', 'rank']);

    const joined = stores.join(sales, 'store', 'left_outer');
    joined.writeStream.format('console').start();
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
