from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-join-condition").getOrCreate()
    left = spark.read.schema("k STRING, v INT").json(dir + "/in")
    right = spark.read.schema("k2 STRING, w INT").json(dir + "/in")
    record_explain(left.join(right, (left.k == right.k2) & (left.v < right.w)))
