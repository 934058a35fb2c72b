import { SparkSession, type DataFrame } from 'rivulet';
import { lit } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('foreach-batch-write').getOrCreate();
  const rows = spark.readStream.schema('id INT, name STRING').option('maxFilesPerTrigger', 1).json(dir + '/in');

  function write(batch: DataFrame, batch_id: number): void {
    batch.withColumn('batch', lit(batch_id)).write.mode('append').parquet(dir + '/out');
  }

  const query = rows.writeStream.foreachBatch(write).trigger({ availableNow: true }).start();
  await query.awaitTermination();
  const back = spark.read.parquet(dir + '/out');
  back.printSchema();
  back.orderBy('id').show();
}
