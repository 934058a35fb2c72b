from pyspark.sql import SparkSession
from pyspark.sql.functions import window


def main(dir, kafka):
    spark = SparkSession.builder.appName("watermark-append").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.withWatermark("ts", "10 minutes").groupBy(window("ts", "10 minutes"), "word").count()
    query = counts.writeStream.format("console").outputMode("append").option("truncate", False) \
        .trigger(availableNow=True).start()
    query.awaitTermination()
