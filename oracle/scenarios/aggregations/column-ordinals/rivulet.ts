import { PySparkIndexError, SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('ordinals').getOrCreate();
  const df = spark.createDataFrame([['Alice', 2], ['Bob', 2], ['Bob', 5], ['Carol', null]], ['name', 'age']);
  df.groupBy(1).count().orderBy(1).show();
  df.groupBy([2, 'name']).agg(F.count('*').alias('c')).orderBy(2, 1).show();
  df.rollup(1).agg(F.sum('age')).orderBy(1).show();
  df.cube(1, 2).count().orderBy(1, 2).show();
  df.groupingSets([[1], [2]], 1, 2).count().orderBy(1, -2).show();
  df.orderBy(-2, 1).show();
  df.sort(2, 1, { ascending: false }).show();
  df.orderBy([1, -2]).show();
  for (const attempt of [() => df.groupBy(0), () => df.rollup(-1), () => df.orderBy(0), () => df.groupBy(3), () => df.sort(-3)]) {
    try {
      attempt();
    } catch (e) {
      // PySpark's index errors (PySparkIndexError and Python's own) are IndexErrors; Rivulet's are PySparkIndexError.
      const err = e as { errorClass?: string; message: string };
      console.log(e instanceof PySparkIndexError ? 'IndexError' : 'other', err.errorClass ?? 'None', err.message);
    }
  }
}
