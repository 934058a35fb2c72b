from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("mode-names").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 5).option("numPartitions", 1)
            .option("startTimestamp", 0).load())
    counts = rate.groupBy((rate.value % 2).alias("k")).count().orderBy("k")
    query = counts.writeStream.format("console").outputMode("COMPLETE").trigger(availableNow=True).start()
    query.awaitTermination()
    try:
        rate.writeStream.outputMode("  ")
    except Exception as e:
        print(type(e).__name__, e)
