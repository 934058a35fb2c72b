from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-extended-project").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = rows.selectExpr("k", "v + 1 AS w").writeStream.format("memory").queryName("explain_ext_project").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query, True)
