from pyspark.sql import SparkSession
from pyspark.sql.functions import sum, window, window_time
from oracle_support import record_batch, record_progress


def main(dir, kafka):
    spark = SparkSession.builder.appName("window-time").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.withWatermark("ts", "1 minute").groupBy(window("ts", "5 minutes")).agg(sum("n").alias("total"))
    out = counts.select("window", window_time("window").alias("wt"), "total")
    query = out.writeStream.foreachBatch(record_batch).outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
