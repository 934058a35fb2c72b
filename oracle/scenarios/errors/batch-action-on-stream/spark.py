import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-action-on-stream").getOrCreate()
    try:
        rows = spark.readStream.schema("k STRING, x INT, ts TIMESTAMP").json(dir + "/in")

        rows.where("x > 1").count()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
