from pyspark.sql import SparkSession
from pyspark.sql.functions import expr, first, last
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("first-last").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 6).option("numPartitions", 1)
            .option("startTimestamp", 1700000000000).load())
    rows = rate.select(expr("value % 2 AS k"), expr("CASE WHEN value % 3 = 0 THEN NULL ELSE value END AS v"))
    agg = rows.groupBy("k").agg(first("v").alias("first_v"), last("v").alias("last_v"),
                                first("v", ignorenulls=True).alias("first_nn"), last("v", True).alias("last_nn"))
    query = agg.writeStream.foreachBatch(record_batch).outputMode("complete").trigger(availableNow=True).start()
    query.awaitTermination()
