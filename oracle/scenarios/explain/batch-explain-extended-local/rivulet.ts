import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-explain-extended-local').getOrCreate();
  const df = spark.createDataFrame([['a', 1], ['b', 2], [null, 3]], 'k STRING, v INT');
  record_explain(df.where('v > 1').select('k'), true);
}
