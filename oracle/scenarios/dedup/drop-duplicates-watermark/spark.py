from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("drop-duplicates-watermark").getOrCreate()
    rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

    deduped = rows.withWatermark("ts", "10 minutes").dropDuplicates(["id", "ts"])
    query = deduped.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    for p in query.recentProgress:
        op = p["stateOperators"][0]
        print(p["batchId"], op["numRowsTotal"], op["numRowsDroppedByWatermark"], p["eventTime"].get("watermark"))
