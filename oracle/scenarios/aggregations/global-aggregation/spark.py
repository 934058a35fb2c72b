from pyspark.sql import SparkSession
from pyspark.sql.functions import avg, count, max, sum


def main(dir, kafka):
    spark = SparkSession.builder.appName("global-agg").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = sales.agg(count("*").alias("rows"), sum("qty").alias("qty"), max("price").alias("top"), avg("qty"))
    q1 = totals.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    q1.awaitTermination()
    q2 = totals.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    q2.awaitTermination()
