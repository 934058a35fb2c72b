from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("writestream-on-batch").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    print(rows.isStreaming)
    spark.range(3).writeStream.format("console").start()
