import re

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql.functions import expr

def main(dir, kafka):
    spark = SparkSession.builder.appName("stream-stream-update-mode-error").getOrCreate()
    try:
        impressions = spark.readStream.schema("adId INT, impressionTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/imp")
        clicks = spark.readStream.schema("clickAdId INT, clickTime TIMESTAMP").option("maxFilesPerTrigger", 1).json(dir + "/clk")

        joined = impressions.join(clicks, expr("clickAdId = adId"))
        joined.writeStream.format("console").outputMode("update").start()
    except AnalysisException as e:
        print(e.getCondition(), (re.match(r"(?s).*?SQLSTATE: \w+", str(e)) or re.match(r"[^\n]*?(?=;?(\n|$))", str(e))).group(0))
