from pyspark.sql import SparkSession
from oracle_support import record_progress


def main(dir, kafka):
    spark = SparkSession.builder.appName("progress-agg").getOrCreate()
    events = spark.readStream.schema("k STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    counts = events.groupBy("k").count()
    query = (counts.writeStream.format("memory").queryName("agg_progress").outputMode("complete")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    record_progress(query)
