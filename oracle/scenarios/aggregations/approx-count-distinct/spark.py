from pyspark.sql import SparkSession
from pyspark.sql.functions import approx_count_distinct, col, expr


def main(dir, kafka):
    spark = SparkSession.builder.appName("approx-distinct").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 40).option("numPartitions", 2)
            .option("startTimestamp", 1700000000000).load())
    agg = rate.groupBy(expr("value % 2 AS parity")).agg(approx_count_distinct(col("value") % 7).alias("distinct_mod7"),
                                                       approx_count_distinct("value", 0.1).alias("distinct_values"))
    query = agg.writeStream.format("console").outputMode("update").trigger(availableNow=True).start()
    query.awaitTermination()
