from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("query-explain-rate").getOrCreate()
    rows = spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2).option("startTimestamp", 0).load()
    query = rows.select((F.col("value") * 2).alias("double")).writeStream.format("memory").queryName("explain_rate").trigger(availableNow=True).start()
    query.awaitTermination()
    record_explain(query)
