from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-no-value").getOrCreate()
    rate = spark.readStream.format("rate").load()
    (rate.selectExpr("CAST(value AS STRING) AS key").writeStream.format("kafka").option("kafka.bootstrap.servers", kafka)
     .option("topic", "oracle-a-err2").option("checkpointLocation", dir + "/chk").start())
