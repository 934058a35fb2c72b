from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-stream-static-join").getOrCreate()
    static = spark.read.schema("k STRING, w INT").json(dir + "/in")
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    query = rows.join(static, "k").writeStream.format("memory").queryName("explain_ss_join").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
