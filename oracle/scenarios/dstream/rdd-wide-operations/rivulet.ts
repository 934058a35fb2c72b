import { SparkSession } from 'rivulet';
import type { DataFrame } from 'rivulet';

function show(parts: unknown[][]): void {
  console.log('[' + parts.map((p) => '[' + p.map((x) => pyStr(x)).join(', ') + ']').join(', ') + ']');
}

function pyStr(x: unknown): string {
  if (Array.isArray(x)) return x.length === 1 ? `(${pyRepr(x[0])},)` : '(' + x.map(pyRepr).join(', ') + ')';
  return String(x);
}

function pyRepr(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  if (x === null) return 'None';
  if (x instanceof PyFloat) return x.toString();
  if (Array.isArray(x)) return pyStr(x);
  return String(x);
}

/** A Python float prints with a fraction (0.0); an int without. */
class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return Number.isInteger(this.value) ? `${this.value}.0` : String(this.value);
  }
}

function rows(df: DataFrame): void {
  const doubles = df.schema.fields.map((f) => f.dataType.typeName() === 'double');
  show(df.rdd.glom().collect().map((p) => p.map((r) => Object.values(JSON.parse(JSON.stringify(r)) as Record<string, unknown>).map((v, i) => (doubles[i] ? new PyFloat(v as number) : v)))));
}

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('rdd-wide-operations').getOrCreate();
  const sc = spark.sparkContext;
  const words = 'a rose is a rose is a rose said the poet to the rose'.split(' ');
  const pairs = sc.parallelize(words.map((w) => [w, 1] as [string, number]));
  show(pairs.reduceByKey((a, b) => a + b).glom().collect());
  show(pairs.groupByKey(3).mapValues((vs) => vs.length).glom().collect());
  show(pairs.partitionBy(4).glom().collect());
  const nums = sc.parallelize(Array.from({ length: 20 }, (_, i) => [i % 5, i] as [number, number]), 3);
  show(nums.aggregateByKey(0, (a, v) => a + v, (a, b) => a + b).glom().collect());
  const other = sc.parallelize([1, 3, 5, 7].map((k) => [k, k * 100] as [number, number]));
  show(nums.join(other).glom().collect());
  show(nums.fullOuterJoin(other, 2).collect());
  show(sc.parallelize(words, 3).distinct().glom().collect());
  show(sc.parallelize(words.map((w, i) => [w, i] as [string, number]), 3).sortByKey().glom().collect());
  show([sc.parallelize(Array.from({ length: 200 }, (_, i) => i), 4).map((x) => (x * 37) % 101).sortBy((x) => x, false, 3).glom().map((p) => p.length).collect()]);
  const df = spark.createDataFrame(Array.from({ length: 12 }, (_, i) => [i, `k${i % 4}`, i * 0.5]), 'n int, k string, x double');
  rows(df);
  rows(df.repartition(3));
  rows(df.repartition(3, 'k'));
  rows(df.repartition('k'));
  rows(df.coalesce(1));
  rows(spark.range(0, 9, 1, 4).coalesce(3));
  df.repartition(2, 'n').show();
}
