import { SparkSession, type DataFrame } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('freq-items').getOrCreate();

  const run = (label: string, f: () => DataFrame) => {
    try {
      console.log(label, `[${f().collect().map(String).join(', ')}]`);
    } catch (e) {
      const err = e as Error;
      console.log(label, err.constructor.name, err.message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  };

  const df = spark.createDataFrame([[1, 11], [1, 11], [3, 10], [4, 8], [4, 8]], ['c1', 'c2']);
  df.freqItems(['c1', 'c2']).show();
  df.freqItems(['c1', 'c2']).printSchema();
  const data: unknown[][] = [];
  for (let i = 0; i < 500; i++) data.push([i % 37, `s${i % 23}`, (i % 11) / 2, i % 2 === 0, i * 1000000007]);
  const rows = spark.createDataFrame(data, 'a INT, s STRING, d DOUBLE, b BOOLEAN, l BIGINT');
  for (const c of ['a', 's', 'd', 'b']) rows.freqItems([c]).show(20, false);
  rows.freqItems(['l'], 0.5).show(20, false);
  rows.freqItems(['a'], 0.1).show(20, false);
  rows.freqItems(['a'], 0.05).show(20, false);
  rows.freqItems(['s'], 0.2).show(20, false);
  const nulls = spark.createDataFrame(Array.from({ length: 40 }, (_, i) => [i % 7 ? i % 5 : null]), 'x INT');
  nulls.freqItems(['x']).show();
  nulls.freqItems(['x']).printSchema();
  df.stat.freqItems(['c1'], 0.4).show();
  const big = spark.createDataFrame(Array.from({ length: 3000 }, (_, i) => [(i * 7919) % 1009]), 'a INT');
  big.freqItems(['a'], 0.3).show();
  big.freqItems(['a']).show(20, false);
  run('support 1e-5', () => df.freqItems(['c1'], 0.00001));
  run('support 2', () => df.freqItems(['c1'], 2.0));
  run('cols str', () => df.freqItems('c1' as never));
}
