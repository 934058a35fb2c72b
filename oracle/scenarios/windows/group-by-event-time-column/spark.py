from pyspark.sql import SparkSession
from pyspark.sql.functions import collect_list, count


def main(dir, kafka):
    spark = SparkSession.builder.appName("group-by-event-time-column").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.withWatermark("ts", "1 minute").groupBy("ts").agg(count("*").alias("c"), collect_list("word").alias("words"))
    query = counts.writeStream.format("console").outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
