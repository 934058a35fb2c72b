from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-static-inner-dups").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT").json(dir + "/in")
    stores = spark.createDataFrame([("west", "Lima"), ("north", "Oslo"), ("south", "Rome"), ("north", "Bergen")], ["store", "city"])

    inner = sales.join(stores, "store")
    query = inner.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    outer = sales.join(stores, "store", "left_outer")
    query = outer.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
