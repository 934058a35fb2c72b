from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("console-truncate").getOrCreate()
    lines = spark.readStream.option("maxFilesPerTrigger", 1).text(dir + "/in")
    q1 = lines.writeStream.format("console").trigger(availableNow=True).start()
    q1.awaitTermination()
    q2 = lines.writeStream.format("console").option("truncate", "false").trigger(availableNow=True).start()
    q2.awaitTermination()
