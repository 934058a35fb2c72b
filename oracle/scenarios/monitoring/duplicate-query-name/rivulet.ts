import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('dup-name').getOrCreate();
  const rate = spark.readStream.format('rate').load();
  const first = rate.writeStream.format('noop').queryName('same_name').start();
  try {
    rate.writeStream.format('noop').queryName('same_name').start();
  } finally {
    await first.stop();
  }
}
