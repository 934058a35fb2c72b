from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("column-names").getOrCreate()
    df = spark.sql("SELECT 1 AS `a very long column name indeed`, 'é' AS `列名`, NULL AS `x.y`, true AS `b`")
    df.show()
    df.show(20, 5)
    df.show(20, False, True)
