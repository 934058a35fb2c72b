import { SparkSession, Window } from 'rivulet';
import * as F from 'rivulet/functions';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('batch-window').getOrCreate();
  const df = spark.read.schema('k STRING, v INT').json(dir + '/in');
  record_explain(df.withColumn('rn', F.row_number().over(Window.partitionBy('k').orderBy('v'))));
}
