from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("special-strings").getOrCreate()
    df = spark.sql("SELECT * FROM VALUES (1, 'line1\\nline2'), (2, 'tab\\there'), (3, '  padded  '), (4, ''), (5, 'cr\\rend') AS t(id, s)")
    df.show()
    df.show(20, False)
    df.show(20, False, True)
