from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("trigger-once").getOrCreate()
    lines = spark.readStream.option("maxFilesPerTrigger", 1).text(dir + "/in")
    query = lines.writeStream.format("console").trigger(once=True).start()
    query.awaitTermination()
    print(len(query.recentProgress), query.lastProgress["numInputRows"], query.isActive)
