from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-explain-cost-union").getOrCreate()
    a = spark.read.schema("k STRING, v INT").json(dir + "/in")
    b = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(a.select("v").union(b.select("v")), "cost")
