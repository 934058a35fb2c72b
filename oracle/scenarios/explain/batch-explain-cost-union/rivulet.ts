import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-explain-cost-union').getOrCreate();
  const a = spark.read.schema('k STRING, v INT').json(dir + '/in');
  const b = spark.read.schema('k STRING, v INT').json(dir + '/in');
  record_explain(a.select('v').union(b.select('v')), 'cost');
}
