from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-union").getOrCreate()
    a = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    b = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = a.union(b).writeStream.format("memory").queryName("explain_union").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
