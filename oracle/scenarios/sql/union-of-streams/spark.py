from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("union-of-streams").getOrCreate()
    rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

    both = rows.union(spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in"))
    query = both.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
