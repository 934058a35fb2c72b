from pyspark.sql import SparkSession
from pyspark.sql.functions import sum

def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-static-aggregate").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    stores = spark.createDataFrame([("north", "Oslo", 1), ("south", "Rome", 2), ("west", "Lima", 3)], ["store", "city", "rank"])

    totals = sales.join(stores, "store").groupBy("city").agg(sum("qty").alias("qty"))
    query = totals.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
