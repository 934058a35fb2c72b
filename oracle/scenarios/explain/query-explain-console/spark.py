from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-console").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = rows.select("k").writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
