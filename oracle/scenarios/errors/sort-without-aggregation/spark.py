import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("sort-without-aggregation").getOrCreate()
    try:
        rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

        rows.orderBy("x").writeStream.format("console").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
