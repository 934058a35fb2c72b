from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("latest-first").getOrCreate()
    lines = spark.readStream.option("latestFirst", "true").option("maxFilesPerTrigger", 1).text(dir + "/in")
    query = lines.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
