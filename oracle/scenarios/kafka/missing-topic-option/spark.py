from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-no-topic").getOrCreate()
    raw = spark.readStream.format("kafka").option("kafka.bootstrap.servers", kafka).load()
    raw.writeStream.format("console").start()
