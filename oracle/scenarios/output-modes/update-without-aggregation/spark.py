from pyspark.sql import SparkSession
from pyspark.sql.functions import col, upper


def main(dir, kafka):
    spark = SparkSession.builder.appName("update-no-agg").getOrCreate()
    events = spark.readStream.schema("user STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = events.where(col("n").isNotNull()).select(upper(col("user")).alias("who"), (col("n") * 10).alias("n10"))
    query = out.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
