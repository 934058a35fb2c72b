from pyspark.sql import SparkSession
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-explain-extended-local").getOrCreate()
    df = spark.createDataFrame([("a", 1), ("b", 2), (None, 3)], "k STRING, v INT")
    record_explain(df.where("v > 1").select("k"), True)
