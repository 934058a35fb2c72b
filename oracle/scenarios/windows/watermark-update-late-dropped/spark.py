from pyspark.sql import SparkSession
from pyspark.sql.functions import window


def main(dir, kafka):
    spark = SparkSession.builder.appName("watermark-update-late-dropped").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.withWatermark("ts", "5 minutes").groupBy(window("ts", "5 minutes")).count()
    query = counts.writeStream.format("console").outputMode("update").option("truncate", False) \
        .trigger(availableNow=True).start()
    query.awaitTermination()
    for p in query.recentProgress:
        print(p["batchId"], p["numInputRows"], p["eventTime"].get("watermark"), [s["numRowsDroppedByWatermark"] for s in p["stateOperators"]],
              [s["numRowsTotal"] for s in p["stateOperators"]])
