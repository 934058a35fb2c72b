from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("append-aggregation-without-watermark").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    rows.groupBy("k").count().writeStream.format("console").outputMode("append").start()
