from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("partitions").getOrCreate()
    rows = spark.readStream.schema("id INT, v STRING, country STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = rows.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
