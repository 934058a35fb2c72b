from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("max-files").getOrCreate()
    lines = spark.readStream.option("maxFilesPerTrigger", 2).text(dir + "/in")
    query = lines.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print([p["numInputRows"] for p in query.recentProgress])
