from pyspark.sql import SparkSession
from pyspark.sql.functions import sum, window


def main(dir, kafka):
    spark = SparkSession.builder.appName("sliding-update").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.groupBy(window("ts", "10 minutes", "5 minutes")).agg(sum("n").alias("total"))
    query = counts.writeStream.format("console").outputMode("update").option("truncate", False) \
        .trigger(availableNow=True).start()
    query.awaitTermination()
