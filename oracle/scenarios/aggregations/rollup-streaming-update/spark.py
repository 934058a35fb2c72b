from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("rollup-streaming").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = sales.rollup("store", "item").agg(F.sum("qty").alias("qty"), F.count("*").alias("n"), F.grouping_id().alias("gid"))
    query = totals.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
    by_item = sales.cube(F.col("item")).agg(F.max("price"), F.grouping("item"))
    query = by_item.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
