from pyspark.sql import SparkSession
from pyspark.sql.functions import coalesce, col, expr, lit, nullif, nvl, nvl2, when


def main(dir, kafka):
    spark = SparkSession.builder.appName("conditional-functions").getOrCreate()
    orders = spark.readStream.schema("id INT, amount DOUBLE, coupon STRING").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = orders.select(
        "id",
        when(col("amount") >= 100, "large").when(col("amount") >= 10, "medium").otherwise("small").alias("size"),
        when(col("coupon").isNull(), lit(0)).alias("no_coupon"),
        coalesce("coupon", lit("none")).alias("coupon"),
        nvl(col("amount"), lit(0.0)).alias("amount"),
        nvl2("coupon", lit("yes"), lit("no")).alias("has"),
        nullif(col("coupon"), lit("")).alias("blank_as_null"),
        expr("if(id % 2 = 0, 'even', 'odd') AS parity"),
        expr("CASE WHEN amount IS NULL THEN 'unknown' WHEN amount > 50 THEN 'hi' ELSE 'lo' END AS band"))
    query = out.writeStream.format("console").trigger(availableNow=True).start()
    query.awaitTermination()
