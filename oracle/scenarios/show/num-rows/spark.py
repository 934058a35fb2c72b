from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("show-num-rows").getOrCreate()
    df = spark.range(0, 5)
    df.show(2)
    df.show(1)
    df.show(5)
    df.show(0)
    df.show(2, 20, True)
