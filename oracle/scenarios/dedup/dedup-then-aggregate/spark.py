from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("dedup-then-aggregate").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = rows.dropDuplicates(["id"]).groupBy("v").count()
    query = counts.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
