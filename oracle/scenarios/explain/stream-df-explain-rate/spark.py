from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-df-explain-rate").getOrCreate()
    rows = spark.readStream.format("rate").option("rowsPerSecond", 1).load()
    record_explain(rows.where("value % 2 = 0").select("value"))
