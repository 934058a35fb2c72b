from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("intervals").getOrCreate()
    df = spark.sql("SELECT INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt, INTERVAL '2-3' YEAR TO MONTH AS ym, INTERVAL '-5' HOUR AS h, make_interval(0, 0, 0, 1, 2, 0, 0) AS cal")
    df.show()
    df.show(20, False)
    df.printSchema()
