from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-df-explain-watermark").getOrCreate()
    rows = spark.readStream.schema("k STRING, t TIMESTAMP").json(dir + "/in")
    record_explain(rows.withWatermark("t", "1 minute").where("k = 'a'"))
