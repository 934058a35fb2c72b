import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql.functions import count_distinct

def main(dir, kafka):
    spark = SparkSession.builder.appName("distinct-aggregation").getOrCreate()
    try:
        rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

        rows.groupBy("k").agg(count_distinct("x")).writeStream.format("console").outputMode("complete").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
