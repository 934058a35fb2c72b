from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("temp-view-select").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    sales.createOrReplaceTempView("sales")
    big = spark.sql("SELECT store, item, qty * price AS total FROM sales WHERE qty >= 2")
    print(big.isStreaming)
    query = big.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
