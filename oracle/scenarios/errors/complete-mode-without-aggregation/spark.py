from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("complete-no-agg").getOrCreate()
    rate = spark.readStream.format("rate").load()
    rate.writeStream.format("console").outputMode("complete").start()
