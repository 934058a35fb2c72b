from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-explain-bad-type").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    df.explain(1)
