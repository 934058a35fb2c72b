from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("temp-view-group-by").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    sales.createOrReplaceTempView("updates")
    counts = spark.sql("SELECT item, count(*) AS n, sum(qty) AS qty FROM updates GROUP BY item")
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
