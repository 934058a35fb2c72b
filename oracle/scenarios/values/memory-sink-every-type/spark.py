from pyspark.sql import SparkSession
from oracle_support import record_rows


def main(dir, kafka):
    spark = SparkSession.builder.appName("memory-every-type").getOrCreate()
    events = (spark.readStream.schema("id INT, name STRING, price STRING, when STRING, tags ARRAY<STRING>, attrs MAP<STRING, BIGINT>")
              .json(dir + "/in"))
    typed = events.selectExpr(
        "id", "cast(id as bigint) * 3000000000 as big", "cast(id as smallint) as small", "cast(id as tinyint) as tiny",
        "name", "cast(price as decimal(10, 2)) as price", "cast(price as double) as approx", "cast(price as float) as f",
        "to_timestamp(when) as ts", "to_timestamp_ntz(substr(when, 1, 19)) as ntz", "to_date(when) as day",
        "tags", "attrs", "named_struct('id', id, 'tags', tags) as st", "encode(name, 'utf-8') as raw", "id % 2 = 1 as odd")
    query = typed.writeStream.format("memory").queryName("every_type").trigger(availableNow=True).start()
    query.awaitTermination()
    record_rows(spark.table("every_type").orderBy("id"))
    record_rows(spark.sql("SELECT sum(price) AS total, max(ts) AS latest, min(day) AS first_day, count(*) AS n FROM every_type"))
