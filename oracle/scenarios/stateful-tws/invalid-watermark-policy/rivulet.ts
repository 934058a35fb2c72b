import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('invalid-watermark-policy').getOrCreate();
  spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'MAX');
  console.log(spark.conf.get('spark.sql.streaming.multipleWatermarkPolicy'));
  spark.conf.set('spark.sql.streaming.multipleWatermarkPolicy', 'avg');
}
