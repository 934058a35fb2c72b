from pyspark.sql import SparkSession
from pyspark.sql.functions import col, create_map, element_at, explode, lit, map_keys, map_values, str_to_map


def main(dir, kafka):
    spark = SparkSession.builder.appName("map-functions").getOrCreate()
    rows = spark.readStream.schema("id INT, attrs STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    maps = rows.select("id", str_to_map("attrs", lit(","), lit("=")).alias("m"),
                       create_map(lit("id"), col("id")).alias("idm"))
    out = maps.select("id", "m", "idm", map_keys("m").alias("keys"), map_values("m").alias("vals"),
                      element_at("m", "color").alias("color"))
    q1 = out.writeStream.format("console").option("truncate", False).trigger(availableNow=True).start()
    q1.awaitTermination()
    q2 = maps.select("id", explode("m")).writeStream.format("console").trigger(availableNow=True).start()
    q2.awaitTermination()
