from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("drop-duplicates-within-watermark").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    deduped = rows.withWatermark("ts", "5 minutes").dropDuplicatesWithinWatermark(["id"])
    query = deduped.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
