from pyspark.sql import SparkSession
from pyspark.sql.functions import session_window

def main(dir, kafka):
    spark = SparkSession.builder.appName("session-window-streaming").getOrCreate()
    events = spark.readStream.schema("user STRING, ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")

    sessions = events.withWatermark("ts", "10 minutes").groupBy(session_window("ts", "5 minutes"), "user").count()
    query = sessions.writeStream.format("console").outputMode("append").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
