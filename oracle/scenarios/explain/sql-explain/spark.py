import re

from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("sql-explain").getOrCreate()
    spark.read.schema("k STRING, v INT").json(dir + "/in").createOrReplaceTempView("t")
    text = spark.sql("EXPLAIN SELECT k FROM t WHERE v > 1").collect()[0][0]
    print(re.sub(r"#\d+L?", "#<id>", text))
