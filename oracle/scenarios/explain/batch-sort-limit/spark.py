from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-sort-limit").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(df.orderBy("v").limit(2))
