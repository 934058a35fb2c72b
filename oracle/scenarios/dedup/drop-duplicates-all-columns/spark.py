from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("drop-duplicates-all-columns").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    query = rows.dropDuplicates().writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
