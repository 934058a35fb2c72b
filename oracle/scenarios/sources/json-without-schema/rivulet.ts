import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('no-schema').getOrCreate();
  spark.readStream.json(dir + '/in');
}
