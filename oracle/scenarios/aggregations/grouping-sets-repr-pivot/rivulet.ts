import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('grouping-sets-repr').getOrCreate();
  const df = spark.createDataFrame([['east', 'tea', 10], ['east', 'milk', 5], ['west', 'tea', 7], [null, 'tea', 1]], 'region STRING, product STRING, amount INT');
  console.log(df.rollup('region', 'product'));
  console.log(df.cube('region'));
  console.log(df.groupingSets([['region'], ['product']], 'region', 'product'));
  df.rollup('region').pivot('product').count().show();
}
