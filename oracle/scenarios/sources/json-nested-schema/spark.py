from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("json-nested").getOrCreate()
    rows = spark.readStream.schema("id INT, user STRUCT<name: STRING, tags: ARRAY<STRING>>").option("maxFilesPerTrigger", 1).json(dir + "/in")
    query = rows.select("id", "user", "user.name", "user.tags").writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
