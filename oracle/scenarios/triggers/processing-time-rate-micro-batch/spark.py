import time

from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("processing-time").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2)
            .option("numPartitions", 1).option("startTimestamp", 0).option("advanceMillisPerBatch", 1000).load())

    def record(df, batch_id):
        if batch_id < 3:
            print(batch_id, [(r.value, str(r.timestamp)) for r in df.collect()])

    query = rate.writeStream.foreachBatch(record).trigger(processingTime="100 milliseconds").start()
    while query.lastProgress is None or query.lastProgress["batchId"] < 2:
        time.sleep(0.05)
    query.stop()
    print(query.isActive)
