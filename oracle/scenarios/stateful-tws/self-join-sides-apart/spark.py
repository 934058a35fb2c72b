from pyspark.sql import SparkSession
from pyspark.sql.functions import col


def main(dir, kafka):
    spark = SparkSession.builder.appName("self-join").getOrCreate()
    values = spark.readStream.schema("value INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    left = values.select(col("value").alias("key"), (col("value") * 2).alias("leftValue"))
    right = values.select(col("value").alias("key"), (col("value") * 3).alias("rightValue"))
    query = left.join(right, "key").writeStream.format("console").outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
