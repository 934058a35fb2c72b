from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("drop-duplicates-subset").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    query = rows.dropDuplicates(["id"]).writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    print([op["numRowsTotal"] for op in query.lastProgress["stateOperators"]], query.lastProgress["stateOperators"][0]["operatorName"])
