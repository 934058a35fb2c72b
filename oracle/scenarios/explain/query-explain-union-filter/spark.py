from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-union-filter").getOrCreate()
    a = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    b = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = a.where("v > 1").union(b).writeStream.format("memory").queryName("explain_union_filter").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
