from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.window import Window
from oracle_support import record_explain


def main(dir, kafka):
    spark = SparkSession.builder.appName("batch-window").getOrCreate()
    df = spark.read.schema("k STRING, v INT").json(dir + "/in")
    record_explain(df.withColumn("rn", F.row_number().over(Window.partitionBy("k").orderBy("v"))))
