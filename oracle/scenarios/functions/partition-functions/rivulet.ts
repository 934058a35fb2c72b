import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('partition-functions').getOrCreate();
  const df = spark.createDataFrame(Array.from({ length: 6 }, (_, i) => [i]), ['a']);
  df.select('a', F.spark_partition_id().alias('p'), F.monotonically_increasing_id().alias('m'), F.rand(42).alias('r')).show();
  df.where('a > 0').select('a', F.spark_partition_id(), F.monotonically_increasing_id()).show();
  df.repartition(3).select('a', F.spark_partition_id().alias('p'), F.monotonically_increasing_id().alias('m')).show();
  spark.sql('select a, spark_partition_id() p, monotonically_increasing_id() m, rand(7) r from values (1),(2),(3) t(a)').show();
  df.withColumn('p', F.spark_partition_id()).groupBy('p').count().orderBy('p').show();
  df.where(F.rand(3).lt(0.5)).show();
  spark.range(5).select('id', F.spark_partition_id(), F.monotonically_increasing_id()).show();
  const parts = df.withColumn('m', F.monotonically_increasing_id()).rdd.glom().collect() as unknown as { a: number; m: number }[][];
  console.log(`[${parts.map((rows) => `[${rows.map((r) => `(${r.a}, ${r.m})`).join(', ')}]`).join(', ')}]`);
  df.withColumn('p', F.spark_partition_id()).repartition(1).show();
}
