from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-df-explain-dedup").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    record_explain(rows.dropDuplicates(["k"]))
