from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("bad-mode").getOrCreate()
    rate = spark.readStream.format("rate").load()
    rate.writeStream.format("console").outputMode("upsert").start()
