from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-max-offsets").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-a-mo")
           .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 2).load())
    query = raw.selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "offset").writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print([p["numInputRows"] for p in query.recentProgress])
