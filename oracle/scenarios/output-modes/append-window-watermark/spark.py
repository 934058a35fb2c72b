from pyspark.sql import SparkSession
from pyspark.sql.functions import window


def main(dir, kafka):
    spark = SparkSession.builder.appName("append-window").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, w STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = events.withWatermark("ts", "10 seconds").groupBy(window("ts", "20 seconds")).count()
    query = counts.writeStream.format("console").outputMode("append").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
