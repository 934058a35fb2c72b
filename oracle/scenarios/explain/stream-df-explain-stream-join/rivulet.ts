import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-df-explain-stream-join').getOrCreate();
  const left = spark.readStream.schema('k STRING, v INT').json(dir + '/in');
  const right = spark.readStream.schema('k STRING, w INT').json(dir + '/in');
  record_explain(left.join(right, 'k'));
}
