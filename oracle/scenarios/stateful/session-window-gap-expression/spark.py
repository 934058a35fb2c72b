from pyspark.sql import SparkSession
from pyspark.sql.functions import col, session_window, when

def main(dir, kafka):
    spark = SparkSession.builder.appName("session-window-gap-expression").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")

    gap = when(col("user") == "u1", "20 minutes").otherwise("5 minutes")
    sessions = events.withWatermark("ts", "10 minutes").groupBy(session_window("ts", gap), "user").count()
    query = sessions.writeStream.format("console").outputMode("append").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
