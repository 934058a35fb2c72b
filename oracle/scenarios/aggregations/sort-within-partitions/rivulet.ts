import { SparkSession } from 'rivulet';
import { col } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('sort-within-partitions').getOrCreate();
  const df = spark.createDataFrame([[5, 'e'], [3, 'c'], [9, 'i'], [1, 'a'], [7, 'g'], [2, 'b']], 'n INT, s STRING');
  df.sortWithinPartitions('n').show();
  df.sortWithinPartitions(col('n').desc()).show();
  df.repartition(3, 's').sortWithinPartitions('n').show();
  df.sortWithinPartitions(['s', 'n'], { ascending: [false, true] }).show();
  df.coalesce(1).sortWithinPartitions('s').show();
  try {
    df.sortWithinPartitions('nope').show();
  } catch (e) {
    console.log((e as { getCondition(): string }).getCondition());
  }
}
