from pyspark.sql import SparkSession
from pyspark.sql.functions import col, explode, explode_outer, posexplode


def main(dir, kafka):
    spark = SparkSession.builder.appName("explode").getOrCreate()
    rows = spark.readStream.schema("id INT, tags ARRAY<STRING>").option("maxFilesPerTrigger", 1).json(dir + "/in")
    exploded = rows.select("id", explode("tags").alias("tag"))
    outer = rows.select("id", explode_outer(col("tags")).alias("tag"))
    positions = rows.select("id", posexplode("tags"))
    q1 = exploded.writeStream.format("console").trigger(availableNow=True).start()
    q1.awaitTermination()
    q2 = outer.writeStream.format("console").trigger(availableNow=True).start()
    q2.awaitTermination()
    q3 = positions.writeStream.format("console").trigger(availableNow=True).start()
    q3.awaitTermination()
