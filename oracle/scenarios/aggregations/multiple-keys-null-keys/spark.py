from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("null-keys").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = sales.groupBy("store", "item").agg({"qty": "sum", "*": "count"})
    query = counts.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
