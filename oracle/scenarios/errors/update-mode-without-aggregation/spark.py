from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("update-mode-without-aggregation").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    query = rows.where("x >= 2").writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
