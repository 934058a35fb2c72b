import re

from pyspark.errors import StreamingQueryException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("kafka-no-value").getOrCreate()
    rate = spark.readStream.format("rate").load()
    query = (rate.selectExpr("CAST(value AS STRING) AS key").writeStream.format("kafka").option("kafka.bootstrap.servers", kafka)
             .option("topic", "oracle-a-err2").option("checkpointLocation", dir + "/chk").start())
    try:
        query.awaitTermination()
    except StreamingQueryException as e:
        print(e.getCondition(), re.search(r"terminated with exception: ([^\n]*)", str(e)).group(1))
