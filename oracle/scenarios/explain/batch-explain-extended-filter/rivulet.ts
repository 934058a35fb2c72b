import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-explain-extended-filter').getOrCreate();
  const df = spark.read.schema('k STRING, v INT').json(dir + '/in');
  record_explain(df.select('v', 'k').where('v > 1'), true);
}
