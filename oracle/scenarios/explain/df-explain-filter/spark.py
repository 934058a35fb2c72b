from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("explain-filter").getOrCreate()
    rows = spark.readStream.schema("k STRING, v INT").json(dir + "/in")
    selected = rows.where("v > 1").select("k")
    record_explain(selected)
