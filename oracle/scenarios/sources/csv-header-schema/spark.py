from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("csv-source").getOrCreate()
    rows = (spark.readStream.schema("id INT, city STRING, temp DOUBLE").option("header", True)
            .option("maxFilesPerTrigger", 1).csv(dir + "/in"))
    query = rows.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
