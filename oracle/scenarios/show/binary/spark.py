from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("binary").getOrCreate()
    df = spark.sql("SELECT * FROM VALUES (1, X'00FF10'), (2, X''), (3, CAST('hello world, this is long binary' AS BINARY)), (4, NULL) AS t(id, b)")
    df.show()
    df.show(20, False)
    df.show(20, 8, True)
