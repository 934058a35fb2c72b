from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("interval-literals").getOrCreate()
    spark.sql(
        "SELECT interval '1 day', +interval '1 day 2 hours', INTERVAL '1.5 seconds', interval '2 weeks', "
        "interval '10 milliseconds', interval '3 days 100 microseconds'"
    ).show(truncate=False)
    spark.sql("SELECT interval '1 year 2 months', typeof(interval '1 year 2 months') AS t").show(truncate=False)
    spark.sql("SELECT timestamp'2020-01-01 00:00:00' + interval '36 hours' AS later").show(truncate=False)
    for q in ["SELECT interval '1 month 2 days'", "SELECT interval 'one day'"]:
        try:
            spark.sql(q).show()
        except Exception as e:
            print(e.getCondition())
