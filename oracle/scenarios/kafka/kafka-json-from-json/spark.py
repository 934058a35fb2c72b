from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-json").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka)
           .option("subscribe", "oracle-json").option("startingOffsets", "earliest").load())
    parsed = raw.select(col("key").cast("string").alias("key"),
                        from_json(col("value").cast("string"), "device STRING, temp DOUBLE").alias("data"),
                        "partition", "offset", "timestamp")
    query = (parsed.select("key", "data.*", "partition", "offset", "timestamp").writeStream.format("console")
             .option("truncate", False).trigger(availableNow=True).start())
    query.awaitTermination()
