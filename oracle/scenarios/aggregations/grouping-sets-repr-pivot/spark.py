from pyspark.sql import SparkSession


def main(dir, kafka):
    spark = SparkSession.builder.appName("grouping-sets-repr").getOrCreate()
    df = spark.createDataFrame([("east", "tea", 10), ("east", "milk", 5), ("west", "tea", 7), (None, "tea", 1)], "region STRING, product STRING, amount INT")
    print(df.rollup("region", "product"))
    print(df.cube("region"))
    print(df.groupingSets([["region"], ["product"]], "region", "product"))
    df.rollup("region").pivot("product").count().show()
