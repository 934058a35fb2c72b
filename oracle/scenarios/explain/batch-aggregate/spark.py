from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-aggregate").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(df.groupBy("k").agg(F.count("*").alias("n"), F.sum("v").alias("total")))
