import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-explain-codegen').getOrCreate();
  const df = spark.read.schema('k STRING, v INT').json(dir + '/in');
  record_explain(df.where('v > 1'), 'codegen');
}
