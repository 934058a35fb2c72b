import { SparkSession, Window } from 'rivulet';
import { col, rank, sum } from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('window-output-order').getOrCreate();
  spark.sql("CREATE OR REPLACE TEMP VIEW t AS SELECT * FROM VALUES ('x', 3, 1), ('y', 1, 2), (NULL, 2, 3), ('x', 1, 4), ('y', 5, 5), ('z', 2, 6) AS t(k, v, id)");
  for (const q of [
    'SELECT k, v, rank() OVER (PARTITION BY k ORDER BY v) r FROM t',
    'SELECT k, v, count(*) OVER (PARTITION BY k) c FROM t',
    'SELECT k, v, sum(v) OVER () s FROM t',
    'SELECT k, v, row_number() OVER (ORDER BY v, id) rn, sum(v) OVER (PARTITION BY k ORDER BY id) s FROM t',
    'SELECT k, v, sum(v) OVER (PARTITION BY k ORDER BY id) s, row_number() OVER (ORDER BY v, id) rn FROM t',
    'SELECT id, lag(v) OVER (ORDER BY id DESC) l FROM t',
    'SELECT k, v, max(v) OVER (PARTITION BY k ORDER BY v DESC NULLS LAST) m FROM t',
  ]) {
    console.log(q);
    spark.sql(q).show();
  }
  const df = spark.table('t');
  df.select('k', 'v', rank().over(Window.orderBy(col('v').desc(), 'id')).alias('r')).show();
  df.withColumn('run', sum('v').over(Window.partitionBy('k').orderBy('id'))).show();
}
