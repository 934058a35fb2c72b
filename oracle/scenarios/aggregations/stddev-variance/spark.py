from pyspark.sql import SparkSession
from pyspark.sql.functions import col, count_if, stddev, sum, variance
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("stddev").getOrCreate()
    sales = spark.readStream.schema("store STRING, item STRING, qty INT, price DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    stats = sales.groupBy("item").agg(stddev("qty").alias("sd"), variance("price").alias("var"),
                                      count_if(col("qty") > 2).alias("big"),
                                      sum(col("price").cast("decimal(10,2)")).alias("dec_total"))
    query = stats.writeStream.foreachBatch(record_batch).outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
