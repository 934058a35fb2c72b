from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-drop-duplicates-subset").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(df.dropDuplicates(["k"]))
