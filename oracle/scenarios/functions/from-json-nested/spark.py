from pyspark.sql import SparkSession
from pyspark.sql.functions import col, from_json


def main(dir, kafka):
    spark = SparkSession.builder.appName("from-json-nested").getOrCreate()
    lines = spark.readStream.format("text").option("maxFilesPerTrigger", 1).load(dir + "/in")
    schema = "device STRING, reading STRUCT<temp: DOUBLE, unit: STRING>, tags ARRAY<STRING>, extra MAP<STRING, INT>"
    parsed = lines.select(from_json(col("value"), schema).alias("j"))
    out = parsed.select("j.device", col("j.reading.temp").alias("temp"), "j.reading.unit", "j.tags", "j.extra")
    query = out.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
