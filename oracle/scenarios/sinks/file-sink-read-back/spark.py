from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("file-sink-read-back").getOrCreate()
    rows = spark.readStream.schema("id INT, name STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = (rows.writeStream.format("json").option("path", dir + "/out").option("checkpointLocation", dir + "/chk")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    spark.read.schema("id INT, name STRING").json(dir + "/out").orderBy("id").show()
    again = spark.readStream.schema("id INT, name STRING").json(dir + "/out")
    echo = again.writeStream.format("console").trigger(availableNow=True).start()
    echo.awaitTermination()
    print(echo.lastProgress["numInputRows"])
