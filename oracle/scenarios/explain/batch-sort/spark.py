from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-sort").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(df.orderBy(F.desc("v"), "k"))
