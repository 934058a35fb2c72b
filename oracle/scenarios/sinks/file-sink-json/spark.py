from pyspark.sql import SparkSession
from oracle_support import record_rows


def main(dir, kafka):
    spark = SparkSession.builder.appName("file-sink-json").getOrCreate()
    rows = spark.readStream.schema("id BIGINT, name STRING, score DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = (rows.writeStream.format("json").option("path", dir + "/out").option("checkpointLocation", dir + "/chk")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    back = spark.read.json(dir + "/out")
    record_rows(back.orderBy("id"))
    print(back.count())
