import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("sort-aggregation-update-mode").getOrCreate()
    try:
        rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

        rows.groupBy("k").count().orderBy("count").writeStream.format("console").outputMode("update").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
