import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("static-stream-left-outer-error").getOrCreate()
    try:
        sales = spark.readStream.schema("store STRING, item STRING, qty INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
        stores = spark.createDataFrame([("north", "Oslo", 1), ("south", "Rome", 2), ("west", "Lima", 3)], ["store", "city", "rank"])

        joined = stores.join(sales, "store", "left_outer")
        joined.writeStream.format("console").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
