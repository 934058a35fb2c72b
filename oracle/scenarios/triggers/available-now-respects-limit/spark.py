from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("trigger-available-now").getOrCreate()
    lines = spark.readStream.option("maxFilesPerTrigger", 1).text(dir + "/in")
    query = lines.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print(len(query.recentProgress), query.lastProgress["numInputRows"], query.isActive)
