from pyspark.sql import SparkSession
from pyspark.sql.functions import count, sum, window, window_time

def main(dir, kafka):
    spark = SparkSession.builder.appName("chained-window-aggregations").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")

    per5 = events.withWatermark("ts", "0 seconds").groupBy(window("ts", "5 minutes"), "user").count()
    per60 = per5.groupBy(window(window_time("window"), "1 hour")).agg(sum("count").alias("events"), count("*").alias("windows"))
    query = per60.writeStream.format("console").outputMode("append").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
