from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("ordinals-streaming").getOrCreate()
    words = spark.readStream.schema("word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = words.groupBy(1).agg(F.sum("n").alias("total")).orderBy(-2, 1)
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
