import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-df-explain-watermark').getOrCreate();
  const rows = spark.readStream.schema('k STRING, t TIMESTAMP').json(dir + '/in');
  record_explain(rows.withWatermark('t', '1 minute').where("k = 'a'"));
}
