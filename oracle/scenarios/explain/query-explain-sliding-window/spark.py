from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-sliding-window").getOrCreate()
    rows = spark.readStream.schema("k STRING, t TIMESTAMP").json(dir + "/in")
    counts = rows.groupBy(F.window("t", "10 seconds", "5 seconds")).count()
    query = counts.writeStream.format("memory").queryName("explain_sliding").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
