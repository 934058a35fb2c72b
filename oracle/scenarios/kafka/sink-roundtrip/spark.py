from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-sink").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 4)
            .option("numPartitions", 1).option("startTimestamp", 0).load())
    out = rate.selectExpr("CAST(value % 2 AS STRING) AS key", "CONCAT('n=', value) AS value")
    w = (out.writeStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("topic", "oracle-a-sink")
         .option("checkpointLocation", dir + "/chk").trigger(availableNow=True).start())
    w.awaitTermination()
    back = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-a-sink")
            .option("startingOffsets", "earliest").load())
    r = back.selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value", "offset").writeStream.format("console").trigger(availableNow=True).start()
    r.awaitTermination()
