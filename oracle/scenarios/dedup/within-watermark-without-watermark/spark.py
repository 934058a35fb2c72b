import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("within-watermark-without-watermark").getOrCreate()
    try:
        rows = spark.readStream.schema("id INT, ts TIMESTAMP, v STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")

        rows.dropDuplicatesWithinWatermark(["id"]).writeStream.format("console").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
