from pyspark.sql import SparkSession
from pyspark.sql.functions import col, count, window


def main(dir, kafka):
    spark = SparkSession.builder.appName("window-start-end-fields").getOrCreate()
    events = spark.readStream.schema("ts TIMESTAMP, word STRING, n INT").option("maxFilesPerTrigger", 1).json(dir + "/in")

    counts = events.groupBy(window("ts", "10 minutes", "10 minutes", "3 minutes").alias("w")).agg(count("*").alias("n"))
    out = counts.select(col("w.start").alias("start"), col("w.end").alias("end"), "n").orderBy("start")
    query = out.writeStream.format("console").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
