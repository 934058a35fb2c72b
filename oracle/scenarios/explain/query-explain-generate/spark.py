from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-generate").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    parts = rows.select(F.explode(F.split("k", ",")).alias("part"), "v")
    query = parts.writeStream.format("memory").queryName("explain_generate").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
