from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("bad-trigger").getOrCreate()
    writer = spark.readStream.format("rate").load().writeStream
    try:
        writer.trigger(once=True, availableNow=True)
    except Exception as e:
        print(type(e).__name__, e)
    writer.trigger(processingTime="-1 second")
