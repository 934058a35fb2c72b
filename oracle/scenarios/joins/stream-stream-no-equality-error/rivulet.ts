import { AnalysisException, SparkSession } from 'rivulet';
import { expr } from 'rivulet/functions';
export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-stream-no-equality-error').getOrCreate();
  try {
    const impressions = spark.readStream.schema('adId INT, impressionTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/imp');
    const clicks = spark.readStream.schema('clickAdId INT, clickTime TIMESTAMP').option('maxFilesPerTrigger', 1).json(dir + '/clk');

    const joined = impressions.join(clicks, expr('clickTime > impressionTime'));
    joined.writeStream.format('console').start();
  } catch (e) {
    if (!(e instanceof AnalysisException)) throw e;
    console.log(e.getCondition(), (/^[\s\S]*?SQLSTATE: \w+/.exec(e.message) ?? /^[^\n]*?(?=;?(\n|$))/.exec(e.message))![0]);
  }
}
