from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("grouping-sets").getOrCreate()
    df = spark.createDataFrame([("east", "tea", 10), ("east", "milk", 5), ("west", "tea", 7), (None, "tea", 1)], "region STRING, product STRING, amount INT")
    print(df.rollup("region", "product").count().columns)
    df.rollup("region", "product").agg(F.sum("amount"), F.grouping_id()).orderBy("region", "product", "grouping_id()").show()
    df.cube("region", F.col("product")).sum("amount").orderBy("region", "product", "sum(amount)").show()
    df.groupingSets([["region"], ["product"], []], "region", "product").agg(F.sum("amount").alias("total"), F.grouping("region"), F.grouping_id("region", "product")).orderBy("region", "product", "total").show()
    df.rollup(F.upper("region").alias("r")).agg(F.count("*").alias("n")).orderBy("r", "n").show()
    df.groupingSets([["region"], ["amount"]], "region").count().orderBy("region", "count").show()
    print(df.rollup().count().collect())
