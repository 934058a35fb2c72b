from pyspark.sql import SparkSession
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("nested-values").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 2)
            .option("numPartitions", 1).option("startTimestamp", 1714557600123).load())
    nested = rate.selectExpr(
        "value",
        "array(named_struct('at', timestamp, 'n', value), named_struct('at', timestamp + interval 1 day, 'n', -value)) as events",
        "map('even', array(value * 2), 'odd', array(value * 2 + 1)) as parts",
        "named_struct('day', to_date(timestamp), 'price', cast(value as decimal(5, 1)) / 3, 'm', map(value, 'v')) as info",
        "array(array(value), array()) as grid",
        "map(to_date(timestamp), cast(value as string)) as by_day",
        "timestamp + INTERVAL '0.000007' SECOND as ts_micros",
        "cast(timestamp as timestamp_ntz) as ntz")
    query = nested.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
