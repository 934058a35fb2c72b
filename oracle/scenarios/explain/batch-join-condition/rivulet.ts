import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-join-condition').getOrCreate();
  const left = spark.read.schema('k STRING, v INT').json(dir + '/in');
  const right = spark.read.schema('k2 STRING, w INT').json(dir + '/in');
  record_explain(left.join(right, left.col('k').eq(right.col('k2')).and(left.col('v').lt(right.col('w')))));
}
