from pyspark.sql import SparkSession
from pyspark.sql.functions import col, isnan, isnull, nanvl
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("null-handling").getOrCreate()
    rows = spark.readStream.schema("a INT, b INT, d DOUBLE").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = rows.select("a", "b", isnull("a").alias("a_null"), col("b").isNotNull().alias("b_set"),
                      (col("a") + col("b")).alias("sum"), (col("a") == col("b")).alias("eq"),
                      col("a").eqNullSafe(col("b")).alias("eq_ns"), isnan("d").alias("nan"),
                      nanvl("d", col("a").cast("double")).alias("nv")).where("a IS NOT NULL OR b IS NOT NULL")
    query = out.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    query.awaitTermination()
