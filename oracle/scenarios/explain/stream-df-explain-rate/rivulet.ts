import { SparkSession } from 'rivulet';
import { record_explain } from '../../../support/oracle-support';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stream-df-explain-rate').getOrCreate();
  const rows = spark.readStream.format('rate').option('rowsPerSecond', 1).load();
  record_explain(rows.where('value % 2 = 0').select('value'));
}
