import os

from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("watermark-policy").getOrCreate()
    os.makedirs(dir + "/slow", exist_ok=True)
    fast = spark.readStream.schema("t LONG").option("maxFilesPerTrigger", 1).json(dir + "/fast").selectExpr("timestamp_seconds(t) AS ts").withWatermark("ts", "10 seconds")
    slow = spark.readStream.schema("t LONG").option("maxFilesPerTrigger", 1).json(dir + "/slow").selectExpr("timestamp_seconds(t) AS ts").withWatermark("ts", "20 seconds")
    query = fast.union(slow).writeStream.format("noop").trigger(availableNow=True).start()
    query.awaitTermination()
    for p in query.recentProgress:
        print(p["batchId"], p["numInputRows"], p["eventTime"]["watermark"])
