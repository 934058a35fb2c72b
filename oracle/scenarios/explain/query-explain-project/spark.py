from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-project").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = rows.where("v > 1").select("k").writeStream.format("memory").queryName("explain_project").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
