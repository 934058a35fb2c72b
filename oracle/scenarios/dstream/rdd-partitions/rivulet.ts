import { SparkSession } from 'rivulet';

function show(parts: unknown[][]): void {
  console.log('[' + parts.map((p) => '[' + p.map((x) => String(x)).join(', ') + ']').join(', ') + ']');
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('rdd-partitions').getOrCreate();
  const sc = spark.sparkContext;
  const nums = sc.parallelize(Array.from({ length: 17 }, (_, i) => i), 5);
  console.log(nums.getNumPartitions());
  show(nums.glom().collect());
  show(nums.filter((x) => x % 2 === 0).glom().collect());
  show(nums.coalesce(3).glom().collect());
  show(nums.repartition(3).glom().collect());
  show(nums.mapPartitionsWithIndex((i, it) => [i * 100 + [...it].reduce((a, b) => a + b, 0)]).glom().collect());
  show(sc.parallelize([1, 2, 3]).glom().collect());
  show(sc.range(3, 20, 4, 3).glom().collect());
  const lines = sc.textFile(dir + '/lines.txt', 4);
  console.log(lines.getNumPartitions());
  show(lines.map((l) => l.split(' ').length).glom().collect());
  const pairs = sc.parallelize([1, 2], 2).cartesian(sc.parallelize([10, 20, 30], 2));
  show(pairs.map((p) => p[0] * p[1]).glom().collect());
  spark.createDataFrame(sc.parallelize([[1, 'a'], [2, 'b']], 2)).show();
  sc.parallelize([[3, 'c']]).toDF(['n', 's']).show();
}
