from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("limit-append-mode").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    query = rows.limit(2).writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
