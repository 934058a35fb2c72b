from pyspark.sql import SparkSession
from pyspark.sql.functions import desc


def main(dir, kafka):
    spark = SparkSession.builder.appName("complete-sorted").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = sales.groupBy("item").count().orderBy(desc("count"), "item")
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
