import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('show-wide').getOrCreate();
  const df = spark.createDataFrame([[1, '日本語テキスト', 'ｱｲｳ'], [2, '中文字符串很长很长很长很长很长很长很长', 'ab'], [3, '한국어', 'é'], [4, 'mixed 混合 text', '']], 'id INT, s STRING, t STRING');
  await df.show();
  await df.show(20, false);
  await df.show(20, 4);
  await df.show(20, false, true);
}
