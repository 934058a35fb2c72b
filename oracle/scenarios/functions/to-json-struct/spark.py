from pyspark.sql import SparkSession
from pyspark.sql.functions import array, col, create_map, lit, struct, to_json


def main(dir, kafka):
    spark = SparkSession.builder.appName("to-json").getOrCreate()
    rows = spark.readStream.schema("id INT, name STRING, score DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = rows.select(to_json(struct("*")).alias("value"),
                      to_json(array(struct("id"), struct(col("score").alias("id")))).alias("arr"),
                      to_json(create_map(lit("n"), col("name"))).alias("map"))
    query = out.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    query.awaitTermination()
