from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-join-broadcast").getOrCreate()
    left = spark.read.schema("k STRING, v INT").json(dir + "/in")
    right = spark.read.schema("k STRING, w INT").json(dir + "/in")
    record_explain(left.join(right, "k"))
