from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("sql-join").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    sales.createOrReplaceTempView("sales")
    spark.createDataFrame([("north", "Oslo"), ("south", "Rome"), ("west", "Lima")], "store STRING, city STRING") \
        .createOrReplaceTempView("stores")
    joined = spark.sql("SELECT s.item, s.store, t.city FROM sales s LEFT JOIN stores t ON s.store = t.store")
    query = joined.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
