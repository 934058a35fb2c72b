from pyspark.sql import SparkSession
from oracle_support import record_progress


def main(dir, kafka):
    spark = SparkSession.builder.appName("progress").getOrCreate()
    orders = spark.readStream.schema("id INT, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = (orders.where("id > 1").writeStream.format("memory").queryName("progress_out")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    record_progress(query)
    print(query.lastProgress["numInputRows"], len(query.recentProgress))
    print(sorted(r.id for r in spark.table("progress_out").collect()))
