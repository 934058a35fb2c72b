import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('view-name-case').getOrCreate();
  spark.createDataFrame([[10, 1], [20, 2]], 'amount INT, id INT').createOrReplaceTempView('SalesData');
  spark.sql('SELECT SALESDATA.amount, salesdata.id FROM SalesData ORDER BY id').show();
  spark.sql('SELECT salesData.* FROM SalesData WHERE id = 2').show();
  for (const q of ['SELECT SalesData.amout FROM SalesData', 'SELECT amout FROM SalesData', 'SELECT * FROM SalesData PIVOT (amount + 1 FOR id IN (1))']) {
    try {
      spark.sql(q).collect();
    } catch (e) {
      const err = e as { getCondition(): string; message: string };
      console.log(err.getCondition(), err.message.trim().split('\n')[0].split(' SQLSTATE')[0]);
    }
  }
}
