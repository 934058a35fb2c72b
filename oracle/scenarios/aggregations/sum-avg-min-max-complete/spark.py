from pyspark.sql import SparkSession
from pyspark.sql.functions import avg, count, max, min, sum
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("sum-avg").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    stats = sales.groupBy("item").agg(sum("qty").alias("qty"), avg("price").alias("avg_price"), min("price"),
                                      max("qty"), count("price").alias("priced"), count("*").alias("rows"))
    query = stats.writeStream.foreachBatch(record_batch).outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
