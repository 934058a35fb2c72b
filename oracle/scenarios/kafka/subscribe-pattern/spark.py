from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-pattern").getOrCreate()
    raw = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka)
           .option("subscribePattern", "oracle-a-pat-.*").option("startingOffsets", "earliest").load())
    rows = raw.selectExpr("topic", "CAST(value AS STRING) AS value", "offset")
    query = rows.writeStream.foreachBatch(lambda df, i: record_batch(df.orderBy("topic", "offset"), i)).trigger(availableNow=True).start()
    query.awaitTermination()
