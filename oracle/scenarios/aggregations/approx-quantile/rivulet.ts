import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

function fmt(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(fmt).join(', ')}]`;
  return String(v);
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('approx-quantile').getOrCreate();

  const run = (label: string, f: () => unknown) => {
    try {
      console.log(label, fmt(f()));
    } catch (e) {
      const err = e as Error;
      console.log(label, err.constructor.name, err.message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  };

  const df = spark.createDataFrame([[1], [2], [3], [4], [5]], ['values']);
  run('docstring', () => df.approxQuantile('values', [0.0, 0.5, 1.0], 0.05));
  const rows: unknown[][] = [];
  for (let i = 0; i < 3000; i++) rows.push([(i * 7919) % 1009, i % 13 ? ((i * 104729) % 997) / 7.0 : null]);
  const big = spark.createDataFrame(rows, 'a INT, b DOUBLE');
  for (const err of [0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.0]) {
    run(`a ${fmt(err)}`, () => big.approxQuantile('a', [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0], err));
    run(`a,b ${fmt(err)}`, () => big.approxQuantile(['a', 'b'], [0.5, 0.05, 0.95], err));
  }
  run('stat', () => big.stat.approxQuantile(['b'], [0.3], 0.1));
  run('repartitioned', () => big.repartition(5, 'a').approxQuantile('a', [0.1, 0.5, 0.9], 0.05));
  const nan = spark.createDataFrame([[NaN], [null], [1.0], [3.0], [2.0]], 'x DOUBLE');
  run('nan', () => nan.approxQuantile('x', [0.5, 1.0], 0.0));
  const empty = spark.createDataFrame([[null, 1]], 'x DOUBLE, y INT');
  run('no values', () => empty.approxQuantile(['x', 'y'], [0.5], 0.0));
  run('no rows', () => empty.where('y > 5').approxQuantile('y', [0.5], 0.0));
  run('negative error', () => df.approxQuantile('values', [0.5], -0.1));
  run('probability 1.5', () => df.approxQuantile('values', [1.5], 0.1));
  run('probability str', () => df.approxQuantile('values', ['a' as never], 0.1));
  run('col int', () => df.approxQuantile(1 as never, [0.5], 0.1));
  run('col list with int', () => df.approxQuantile(['values', 2 as never], [0.5], 0.1));
  run('probabilities not a list', () => df.approxQuantile('values', 0.5 as never, 0.1));
  run('error str', () => df.approxQuantile('values', [0.5], 'x' as never));
  const s = spark.createDataFrame([['a', 1]], 's STRING, value INT');
  run('string column', () => s.approxQuantile('s', [0.5], 0.1));
  run('missing column', () => s.approxQuantile('valu', [0.5], 0.1));
  run('date column', () => spark.sql("select date'2020-01-01' as d").approxQuantile('d', [0.5], 0.1));
  for (const acc of [1, 5, 10, 50, 100, 1000]) {
    const probabilities = F.array(...[0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0].map((p) => F.lit(p)));
    run(`percentile_approx ${acc}`, () => big.agg(F.percentile_approx('a', probabilities, acc)).collect()[0][0]);
  }
  big.groupBy(F.col('a').mod(3).alias('k')).agg(F.percentile_approx('a', 0.5, 20)).orderBy('k').show();
  spark.sql('select percentile_approx(col, 0.5, 3), percentile_approx(col, array(0.2, 0.8), 2) from values (1), (2), (3), (4), (5), (6), (7), (8), (9), (10) as t(col)').show();
  spark.sql('select percentile_approx(cast(col as decimal(5, 2)), 0.5, 3) from values (1.1), (2.2), (3.3), (4.4) as t(col)').show();
  run('accuracy 0', () => spark.sql('select percentile_approx(col, 0.5, 0) from values (1) as t(col)').collect());
}
