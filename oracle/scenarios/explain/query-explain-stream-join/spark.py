from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-stream-join").getOrCreate()
    left = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    right = spark.readStream.schema("k STRING, w INT").json(dir + "/in")
    query = left.join(right, "k").writeStream.format("memory").queryName("explain_join").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
