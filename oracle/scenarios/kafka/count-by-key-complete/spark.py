from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-count").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-a-cnt")
           .option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", 3).load())
    counts = raw.selectExpr("CAST(key AS STRING) AS key").groupBy("key").count()
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
