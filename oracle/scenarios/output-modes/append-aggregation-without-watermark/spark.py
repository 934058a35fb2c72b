from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("append-agg").getOrCreate()
    rate = spark.readStream.format("rate").load()
    counts = rate.groupBy((rate.value % 3).alias("k")).count()
    counts.writeStream.format("console").outputMode("append").start()
