from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("distinct-stream").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    query = rows.select("v").distinct().writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
