from pyspark.sql import SparkSession, functions as F


def main(dir, kafka):
    spark = SparkSession.builder.appName("partition-functions").getOrCreate()
    df = spark.createDataFrame([(i,) for i in range(6)], ["a"])
    df.select("a", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m"), F.rand(42).alias("r")).show()
    df.where("a > 0").select("a", F.spark_partition_id(), F.monotonically_increasing_id()).show()
    df.repartition(3).select("a", F.spark_partition_id().alias("p"), F.monotonically_increasing_id().alias("m")).show()
    spark.sql("select a, spark_partition_id() p, monotonically_increasing_id() m, rand(7) r from values (1),(2),(3) t(a)").show()
    df.withColumn("p", F.spark_partition_id()).groupBy("p").count().orderBy("p").show()
    df.where(F.rand(3) < 0.5).show()
    spark.range(5).select("id", F.spark_partition_id(), F.monotonically_increasing_id()).show()
    print(df.withColumn("m", F.monotonically_increasing_id()).rdd.glom().map(lambda rows: [(r.a, r.m) for r in rows]).collect())
    df.withColumn("p", F.spark_partition_id()).repartition(1).show()
