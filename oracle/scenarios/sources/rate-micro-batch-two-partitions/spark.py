from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("rate-mb").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 5).option("numPartitions", 2)
            .option("startTimestamp", 1000).option("advanceMillisPerBatch", 250).load())
    query = rate.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
    rate.printSchema()
