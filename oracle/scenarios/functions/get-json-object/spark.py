from pyspark.sql import SparkSession
from pyspark.sql.functions import get_json_object, json_tuple


def main(dir, kafka):
    spark = SparkSession.builder.appName("get-json-object").getOrCreate()
    lines = spark.readStream.format("text").option("maxFilesPerTrigger", 1).load(dir + "/in")
    out = lines.select(get_json_object("value", "$.user.name").alias("name"),
                       get_json_object("value", "$.items[1]").alias("second"),
                       get_json_object("value", "$.items").alias("items"),
                       json_tuple("value", "id", "user"))
    query = out.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
