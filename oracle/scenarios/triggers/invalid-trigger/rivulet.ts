import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('bad-trigger').getOrCreate();
  const writer = spark.readStream.format('rate').load().writeStream;
  try {
    writer.trigger({ once: true, availableNow: true });
  } catch (e) {
    console.log((e as Error).constructor.name, (e as Error).message);
  }
  writer.trigger({ processingTime: '-1 second' });
}
