from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-kv").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka)
           .option("subscribe", "oracle-a-kv").option("startingOffsets", "earliest").load())
    rows = raw.selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value", "topic", "partition", "offset", "timestamp", "timestampType")
    query = rows.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    raw.printSchema()
