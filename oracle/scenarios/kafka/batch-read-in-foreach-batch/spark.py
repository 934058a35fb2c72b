from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-batch").getOrCreate()
    def enrich(batch, batch_id):
        ref = (batch.sparkSession.read.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-ref").load()
               .selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS name"))
        batch.join(ref, "k", "left").orderBy("order_id").show()

    orders = (spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).option("subscribe", "oracle-b-ord")
              .option("startingOffsets", "earliest").load().selectExpr("CAST(key AS STRING) AS order_id", "CAST(value AS STRING) AS k"))
    query = orders.writeStream.foreachBatch(enrich).trigger(availableNow=True).start()
    query.awaitTermination()
