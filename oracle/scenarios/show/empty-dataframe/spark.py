from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("empty-dataframe").getOrCreate()
    df = spark.sql("SELECT 1 AS a, 'x' AS b WHERE false")
    df.show()
    df.show(20, False, True)
    df.select().show()
