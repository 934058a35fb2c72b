from pyspark.sql import SparkSession
from pyspark.sql.functions import expr
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("typed-rows").getOrCreate()
    rate = (spark.readStream.format("rate-micro-batch").option("rowsPerBatch", 3)
            .option("numPartitions", 1).option("startTimestamp", 1700000000000).load())
    typed = rate.select(
        "timestamp", "value",
        expr("cast(value as int) as i"),
        expr("value / 4 as d"),
        expr("cast(value as decimal(10, 2)) * 1.5 as dec"),
        expr("to_date(timestamp) as day"),
        expr("concat('row-', value) as s"),
        expr("value % 2 = 0 as even"),
        expr("array(value, value + 1) as arr"),
        expr("map('k', value) as m"),
        expr("named_struct('a', value, 'b', cast(value as string)) as st"),
        expr("cast(concat('x', value) as binary) as bin"))
    query = typed.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
