from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("console-num-rows").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 4)
            .option("numPartitions", 1).option("startTimestamp", 1700000000000).load())
    query = rate.writeStream.format("console").option("numRows", 2).trigger(availableNow=True).start()
    query.awaitTermination()
