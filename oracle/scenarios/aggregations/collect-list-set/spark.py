from pyspark.sql import SparkSession
from pyspark.sql.functions import array_sort, collect_list, collect_set


def main(dir, kafka):
    spark = SparkSession.builder.appName("collect").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    agg = sales.groupBy("store").agg(collect_list("item").alias("items"), array_sort(collect_set("item")).alias("distinct_items"),
                                      collect_list("qty").alias("qtys"))
    query = agg.writeStream.format("console").outputMode("complete").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
