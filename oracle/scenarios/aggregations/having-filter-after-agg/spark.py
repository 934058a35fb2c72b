from pyspark.sql import SparkSession
from pyspark.sql.functions import col, sum


def main(dir, kafka):
    spark = SparkSession.builder.appName("having").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = sales.groupBy("item").agg(sum("qty").alias("qty")).where(col("qty") > 4).withColumn("half", col("qty") / 2)
    query = totals.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
