import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('explain-waiting').getOrCreate();
  const rows = spark.readStream.schema('k STRING').json(dir + '/in');
  const query = rows.writeStream.format('memory').queryName('waiting').start();
  query.explain();
  query.explain(true);
  await query.stop();
}
