import { SparkSession } from 'rivulet';
import * as F from 'rivulet/functions';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('pivot-unpivot-batch').getOrCreate();
  const sales = spark.createDataFrame([[2012, 'dotNET', 10000], [2012, 'Java', 20000], [2012, 'dotNET', 5000], [2013, 'dotNET', 48000], [2013, 'Java', 30000]], 'year INT, course STRING, earnings INT');
  sales.groupBy('year').pivot('course').sum('earnings').orderBy('year').show();
  sales.groupBy('year').pivot('course', ['Java', 'dotNET', 'Scala']).agg(F.sum('earnings')).orderBy('year').show();
  sales.groupBy('year').pivot('course', ['Java', 'dotNET']).agg(F.sum('earnings').alias('total'), F.count('earnings').alias('n')).orderBy('year').show();
  sales.groupBy('course').pivot('year').count().orderBy('course').show();
  const quarters = spark.createDataFrame([[1, 10, 2.5, 'a'], [2, 20, null, 'b']], 'id INT, q1 INT, q2 DOUBLE, tag STRING');
  quarters.unpivot('id', ['q1', 'q2'], 'quarter', 'sales').show();
  quarters.unpivot(['id', 'tag'], 'q1', 'quarter', 'sales').show();
  const wide = quarters.drop('tag').melt(['id'], null, 'quarter', 'sales');
  wide.printSchema();
  wide.show();
  const attempts: [string | string[], string[] | null, string, string][] = [
    [['id', 'q1', 'q2', 'tag'], null, 'v', 'x'],
    ['id', ['q1', 'tag'], 'v', 'x'],
  ];
  for (const [ids, values, variable, value] of attempts) {
    try {
      quarters.unpivot(ids, values, variable, value).show();
    } catch (e) {
      const err = e as { constructor: { name: string }; errorClass: string; message: string };
      console.log(err.constructor.name, err.errorClass, err.message.split('\n')[0].replace(/;+$/, '')); // the analysed plan follows the ";"
    }
  }
}
