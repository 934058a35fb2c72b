from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("decimals").getOrCreate()
    df = spark.sql("SELECT * FROM VALUES (CAST(1 AS DECIMAL(5,2)), CAST('-0.5' AS DECIMAL(3,1)), CAST('12345678901234567890.123456789012345678' AS DECIMAL(38,18)), CAST(0 AS DECIMAL(10,0))), (CAST('999.99' AS DECIMAL(5,2)), CAST('0.0' AS DECIMAL(3,1)), CAST('-1E-18' AS DECIMAL(38,18)), CAST(-7 AS DECIMAL(10,0))), (NULL, NULL, NULL, NULL) AS t(a, b, c, d)")
    df.show()
    df.show(20, False)
    df.printSchema()
