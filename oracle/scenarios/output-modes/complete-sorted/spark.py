from pyspark.sql import SparkSession
from pyspark.sql.functions import desc, sum


def main(dir, kafka):
    spark = SparkSession.builder.appName("complete-sorted").getOrCreate()
    events = spark.readStream.schema("user STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    totals = events.groupBy("user").agg(sum("n").alias("total")).orderBy(desc("total"), "user")
    query = totals.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
