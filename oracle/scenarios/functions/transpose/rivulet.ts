import { SparkSession, type DataFrame } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('transpose').getOrCreate();
  const df = spark.createDataFrame([['B', 3, 4], ['A', 1, 2], [null, 5, 6]], ['id', 'val1', 'val2']);

  const run = (f: () => DataFrame) => {
    try {
      const r = f();
      r.printSchema();
      r.show();
    } catch (e) {
      const err = e as { getCondition(): string; message: string };
      console.log(err.getCondition(), err.message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  };

  run(() => df.transpose());
  run(() => df.transpose(df.col('val1')));
  run(() => spark.createDataFrame([[1, 2.5, 3]], ['k', 'a', 'b']).transpose());
  run(() => spark.createDataFrame([['x', 1, 's']], ['k', 'a', 'b']).transpose());
  run(() => spark.createDataFrame([[[1], 1, 2]], 'k ARRAY<INT>, a INT, b INT').transpose());
  run(() => spark.createDataFrame([['x', 1]], ['k', 'a']).transpose('a'));
  run(() => spark.createDataFrame([['x']], ['k']).transpose());
}
