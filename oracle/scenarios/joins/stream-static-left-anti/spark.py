from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-static-left-anti").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    stores = spark.createDataFrame([("north", "Oslo", 1), ("south", "Rome", 2), ("west", "Lima", 3)], ["store", "city", "rank"])

    joined = sales.join(stores, "store", "left_anti")
    query = joined.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
