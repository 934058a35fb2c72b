from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("sql-window").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    events.withWatermark("ts", "5 minutes").createOrReplaceTempView("events")
    counts = spark.sql("SELECT window(ts, '10 minutes') AS window, word, count(*) AS count FROM events GROUP BY 1, 2")
    query = counts.writeStream.format("console").outputMode("append").option("truncate", False) \
        .trigger(availableNow=True).start()
    query.awaitTermination()
