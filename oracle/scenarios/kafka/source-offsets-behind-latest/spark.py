from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-offsets-behind").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-s3-behind")
           .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 2).load())
    query = raw.selectExpr("CAST(value AS STRING) AS v").writeStream.format("memory").queryName("behind").trigger(availableNow=True).start()
    query.awaitTermination()
    for p in query.recentProgress:
        print(p.batchId, p.numInputRows)
        for k in sorted(p.sources[0].metrics):
            print(k, p.sources[0].metrics[k])
