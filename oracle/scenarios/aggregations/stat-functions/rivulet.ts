import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('stat-functions').getOrCreate();
  const df = spark.createDataFrame([[1, 2.0], [2, 3.5], [3, 7.25], [4, 8.0]], ['a', 'b']);
  console.log(df.corr('a', 'b'), df.cov('a', 'b'), df.stat.corr('a', 'b'), df.stat.cov('a', 'b'));
  const fmt = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));
  console.log(`[${df.approxQuantile('b', [0.25, 0.5], 0.0).map(fmt).join(', ')}]`);
  console.log(`[${df.stat.approxQuantile(['a', 'b'], [0.5, 1.0], 0.1).map((r) => `[${r.map(fmt).join(', ')}]`).join(', ')}]`);
  df.freqItems(['a']).show();
  df.stat.freqItems(['a', 'b'], 0.5).show();
  for (const f of [() => df.corr('a', 'b', 'spearman'), () => df.cov('a', 1 as never), () => df.approxQuantile('b', [0.5], -1)]) {
    try {
      f();
    } catch (e) {
      console.log((e as Error).constructor.name, (e as Error).message.split('\n')[0]);
    }
  }
}
