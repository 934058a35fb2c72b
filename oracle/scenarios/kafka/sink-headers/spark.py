from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-headers").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2)
            .option("numPartitions", 1).option("startTimestamp", 0).load())
    out = rate.selectExpr("CAST(value AS STRING) AS value",
                          "array(named_struct('key', 'source', 'value', CAST('rate' AS BINARY)), named_struct('key', 'n', 'value', CAST(CAST(value AS STRING) AS BINARY))) AS headers")
    w = (out.writeStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("topic", "oracle-a-hdr")
         .option("checkpointLocation", dir + "/chk").trigger(availableNow=True).start())
    w.awaitTermination()
    back = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-a-hdr")
            .option("startingOffsets", "earliest").option("includeHeaders", "true").load())
    r = (back.selectExpr("CAST(value AS STRING) AS value", "headers", "transform(headers, h -> CAST(h.value AS STRING)) AS header_values")
         .writeStream.format("console").option("truncate", False).trigger(availableNow=True).start())
    r.awaitTermination()
