from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-dedup").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = rows.dropDuplicates(["k"]).writeStream.format("memory").queryName("explain_dedup").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
