from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("available-now-empty").getOrCreate()
    lines = spark.readStream.text(dir + "/in")
    query = lines.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print(len(query.recentProgress), query.lastProgress, query.isActive, query.exception())
