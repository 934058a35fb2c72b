from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-df-explain-stream-join").getOrCreate()
    left = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    right = spark.readStream.schema("k STRING, w INT").json(dir + "/in")
    record_explain(left.join(right, "k"))
