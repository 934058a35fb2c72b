from pyspark.sql import SparkSession
from pyspark.sql.functions import window
from oracle_support import record_progress


def main(dir, kafka):
    spark = SparkSession.builder.appName("progress-watermark").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = events.withWatermark("ts", "10 seconds").groupBy(window("ts", "30 seconds")).count()
    query = (counts.writeStream.format("memory").queryName("wm_progress").outputMode("update")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    record_progress(query)
