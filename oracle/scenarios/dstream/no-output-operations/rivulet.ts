import { SparkContext, StreamingContext } from 'rivulet/streaming';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const sc = SparkContext.getOrCreate();
  const ssc = new StreamingContext(sc, 0.5);
  ssc.queueStream([sc.parallelize([1])]).map((x) => x + 1);
  try {
    ssc.start();
  } finally {
    await ssc.stop(false);
  }
}
