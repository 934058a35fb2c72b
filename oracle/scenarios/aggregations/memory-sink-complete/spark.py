from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("memory-sink").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = sales.groupBy("store").count()
    query = counts.writeStream.format("memory").queryName("aggregates").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
    spark.sql("SELECT * FROM aggregates ORDER BY store NULLS FIRST").show()
