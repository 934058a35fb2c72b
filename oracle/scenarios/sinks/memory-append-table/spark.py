from pyspark.sql import SparkSession
from oracle_support import record_rows


def main(dir, kafka):
    spark = SparkSession.builder.appName("memory-append").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3)
            .option("numPartitions", 1).option("startTimestamp", 0).load())
    query = (rate.selectExpr("value", "value * value AS sq").writeStream.format("memory").queryName("squares")
             .trigger(availableNow=True).start())
    query.awaitTermination()
    record_rows(spark.table("squares").orderBy("value"))
    spark.sql("SELECT count(*) AS n, max(sq) AS top FROM squares").show()
