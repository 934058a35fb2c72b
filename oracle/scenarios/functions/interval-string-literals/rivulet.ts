import { SparkSession } from 'rivulet';

export default async function main(dir: string, kafka: string | null): Promise<void> {
  const spark = SparkSession.builder.appName('interval-literals').getOrCreate();
  spark
    .sql(
      "SELECT interval '1 day', +interval '1 day 2 hours', INTERVAL '1.5 seconds', interval '2 weeks', " +
        "interval '10 milliseconds', interval '3 days 100 microseconds'",
    )
    .show(20, false);
  spark.sql("SELECT interval '1 year 2 months', typeof(interval '1 year 2 months') AS t").show(20, false);
  spark.sql("SELECT timestamp'2020-01-01 00:00:00' + interval '36 hours' AS later").show(20, false);
  for (const q of ["SELECT interval '1 month 2 days'", "SELECT interval 'one day'"]) {
    try {
      spark.sql(q).show();
    } catch (e) {
      console.log((e as { errorClass?: string }).errorClass);
    }
  }
}
