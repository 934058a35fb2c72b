from pyspark.sql import SparkSession
from pyspark.sql.functions import array_contains, array_distinct, array_join, col, size, slice, sort_array
from oracle_support import record_batch


def main(dir, kafka):
    spark = SparkSession.builder.appName("array-functions").getOrCreate()
    rows = spark.readStream.schema("id INT, xs ARRAY<INT>").option("maxFilesPerTrigger", 1).json(dir + "/in")
    out = rows.select("id", array_contains("xs", 2).alias("has2"), array_distinct("xs").alias("dist"),
                      sort_array("xs", asc=False).alias("desc"), size(col("xs")).alias("n"),
                      array_join("xs", ",", "?").alias("joined"), slice("xs", 2, 2).alias("mid"))
    hof = rows.selectExpr("id", "transform(xs, x -> x * 10) AS tens", "filter(xs, x -> x % 2 = 1) AS odd",
                          "aggregate(xs, 0, (acc, x) -> acc + coalesce(x, 0)) AS total")
    q1 = out.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    q1.awaitTermination()
    q2 = hof.writeStream.foreachBatch(record_batch).trigger(availableNow=True).start()
    q2.awaitTermination()
