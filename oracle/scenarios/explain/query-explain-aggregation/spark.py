from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("explain-agg").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    counts = rows.groupBy("k").count()
    query = counts.writeStream.format("memory").queryName("explain_agg").outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
