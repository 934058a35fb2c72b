from pyspark.sql import SparkSession
from pyspark.sql.functions import window


def main(dir, kafka):
    spark = SparkSession.builder.appName("tumbling-complete").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.groupBy(window(events.ts, "10 minutes"), events.word).count()
    query = counts.writeStream.format("console").outputMode("complete").option("truncate", False) \
        .trigger(availableNow=True).start()
    query.awaitTermination()
