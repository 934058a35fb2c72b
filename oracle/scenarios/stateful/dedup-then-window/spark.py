from pyspark.sql import SparkSession
from pyspark.sql.functions import window

def main(dir, kafka):
    spark = SparkSession.builder.appName("dedup-then-window").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")

    deduped = events.withWatermark("ts", "5 minutes").dropDuplicates(["user", "ts"])
    counts = deduped.groupBy(window("ts", "10 minutes")).count()
    query = counts.writeStream.format("console").outputMode("append").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
