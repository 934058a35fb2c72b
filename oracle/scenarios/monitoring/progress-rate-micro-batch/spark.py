from pyspark.sql import SparkSession
from oracle_support import record_progress


def main(dir, kafka):
    spark = SparkSession.builder.appName("progress-rate").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3)
            .option("numPartitions", 1).option("startTimestamp", 5000).load())
    query = rate.writeStream.format("noop").queryName("rate_progress").trigger(availableNow=True).start()
    query.awaitTermination()
    record_progress(query)
    print(query.lastProgress["sources"][0]["description"], query.lastProgress["sink"]["description"])
