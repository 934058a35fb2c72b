from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("crosstab").getOrCreate()
    df = spark.createDataFrame([(1, 11), (1, 11), (3, 10), (4, 8), (4, 8), (None, 8), (2, None)], "c1 INT, c2 INT")
    df.crosstab("c1", "c2").show()
    df.crosstab("c1", "c2").printSchema()
    s = spark.createDataFrame([("a`b", "x", 1), ("a`b", "y", 2), ("c", "x", 3), ("d", "z", 4), ("c", "x", 5)], "k STRING, v STRING, n INT")
    s.stat.crosstab("k", "v").orderBy("k_v").show()
    s.crosstab("v", "k").show()
    s.crosstab("n", "v").show()
