from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-multi-agg-update").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    agg = rows.groupBy("k").agg(F.sum("v").alias("s"), F.avg("v").alias("a"), F.max("v").alias("m"))
    query = agg.writeStream.format("memory").queryName("explain_multi").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
