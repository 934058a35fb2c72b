from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("timestamp-arithmetic").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3).option("numPartitions", 1)
            .option("startTimestamp", 1709164799000).option("advanceMillisPerBatch", 1000).load())
    ts = rate.selectExpr("value", "timestamp + make_interval(0, 0, 0, 0, 0, 0, value * 3600) AS ts")
    out = ts.selectExpr("value", "ts", "date_trunc('hour', ts) AS hour_start", "hour(ts) AS h", "minute(ts) AS mi",
                        "second(ts) AS s", "dayofweek(ts) AS dow", "date_add(ts, 1) AS tomorrow",
                        "datediff(ts, DATE'2024-01-01') AS days", "add_months(ts, 1) AS next_month",
                        "last_day(ts) AS month_end", "ts + INTERVAL 90 MINUTES AS later",
                        "ts - INTERVAL '1' DAY AS earlier")
    query = out.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
