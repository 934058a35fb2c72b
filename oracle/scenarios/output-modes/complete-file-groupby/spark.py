from pyspark.sql import SparkSession
from pyspark.sql.functions import count, sum


def main(dir, kafka):
    spark = SparkSession.builder.appName("complete-groupby").getOrCreate()
    events = spark.readStream.schema("user STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = events.groupBy("user").agg(count("*").alias("events"), sum("n").alias("total"))
    query = totals.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
