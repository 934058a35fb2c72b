from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-window-watermark").getOrCreate()
    rows = spark.readStream.schema("k STRING, t TIMESTAMP").json(dir + "/in")
    counts = rows.withWatermark("t", "10 seconds").groupBy(F.window("t", "5 seconds")).count()
    query = counts.writeStream.format("memory").queryName("explain_window").outputMode("append").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
