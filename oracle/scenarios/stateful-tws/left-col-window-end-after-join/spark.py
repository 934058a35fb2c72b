from pyspark.sql import SparkSession
from pyspark.sql.functions import count, window


def main(dir, kafka):
    spark = SparkSession.builder.appName("left-col-window-end").getOrCreate()
    left = spark.readStream.schema("k STRING, t LONG").option("maxFilesPerTrigger", 1).json(dir + "/left")
    right = spark.readStream.schema("k STRING, t LONG").option("maxFilesPerTrigger", 1).json(dir + "/right")
    lc = left.selectExpr("k", "timestamp_seconds(t) AS ts").withWatermark("ts", "10 seconds").groupBy(window("ts", "10 seconds")).agg(count("*").alias("lc"))
    rc = right.selectExpr("k", "timestamp_seconds(t) AS ts").withWatermark("ts", "10 seconds").groupBy(window("ts", "10 seconds")).agg(count("*").alias("rc"))
    joined = lc.join(rc, lc["window"] == rc["window"]).select(lc["window.end"].alias("left_end"), rc["window.start"].alias("right_start"), "lc", "rc")
    query = joined.writeStream.format("console").outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
