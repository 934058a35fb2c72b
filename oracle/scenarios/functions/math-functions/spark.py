from pyspark.sql import SparkSession
from pyspark.sql.functions import abs, bround, ceil, col, floor, greatest, log, pmod, pow, round, signum, sqrt


def main(dir, kafka):
    spark = SparkSession.builder.appName("math-functions").getOrCreate()
    nums = spark.readStream.schema("x DOUBLE, k INT").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = nums.select("x", round("x", 1).alias("r1"), bround(col("x"), 0).alias("br"), ceil("x").alias("c"),
                      floor("x").alias("f"), sqrt(abs("x")).alias("sq"), pow("x", 2).alias("p2"),
                      log(10.0, abs(col("x"))).alias("lg"), pmod("k", 3).alias("pm"), (col("k") % 3).alias("md"),
                      signum("x").alias("sg"), greatest("x", "k").alias("g"))
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
