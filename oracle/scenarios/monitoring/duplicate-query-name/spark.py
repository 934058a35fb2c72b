from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("dup-name").getOrCreate()
    rate = spark.readStream.format("rate").load()
    first = rate.writeStream.format("noop").queryName("same_name").start()
    try:
        rate.writeStream.format("noop").queryName("same_name").start()
    finally:
        first.stop()
